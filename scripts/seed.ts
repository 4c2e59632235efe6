// The demo business for the embedded default: Harbor Street Café, its owner's login, two
// years of daily data (imported through bulkIngest, with the same checks as POST /api/metrics/points), a
// dashboard and a goal. The planted effects are documented in packages/demo-data/README.md.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { dashboards, optimizationConstraints, optimizationKinds, savedQueries } from '@dyocense/db';
import { hashPassword, withTenant, type Database } from '@dyocense/core';
import { CAFE_NAME, cafePlanningSettings, generateCafe } from '@dyocense/demo-data';
import { bulkIngest, BulkIngestRefused } from '@dyocense/metrics';
import { createBusiness } from '../functions/auth/store';
import { assess, baselineOf, draftOf } from '../functions/goals/evaluate';
import { insertGoal, metricContext } from '../functions/goals/store';

export interface DemoLogin {
  email: string;
  password: string;
  tenantId: string;
}

export const DEMO_EMAIL = 'owner@demo-cafe.dyocense.local';

/** Creates the demo café once; the password is random per installation and kept in DATA_DIR. */
export async function seedDemo(db: Database, dataDir: string, now = new Date()): Promise<DemoLogin> {
  const file = join(resolve(dataDir), 'demo-login.json');
  const [existing] = await db.query<{ tenant_id: string }>(sql`select tenant_id from auth_find_login(${DEMO_EMAIL})`);
  if (existing && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DemoLogin;
  if (existing) throw new Error(`the demo user exists but ${file} is gone; remove the data directory to start over`);

  const password = `cafe-${randomBytes(6).toString('base64url')}`;
  const created = await db.transaction(async (tx) =>
    createBusiness(
      tx,
      { email: DEMO_EMAIL, name: 'Maya Ortiz', passwordHash: await hashPassword(password), emailVerified: true, businessName: CAFE_NAME },
      { ip: 'seed', userAgent: 'seed', sessionDays: 1 },
    ),
  );
  const tenantId = created.tenant.id;
  await seedMetrics(db, tenantId, now);
  await seedDashboard(db, tenantId, created.user.id);
  await seedPlanning(db, tenantId, created.user.id, now);
  await seedGoal(db, tenantId, created.user.id, now);
  const login: DemoLogin = { email: DEMO_EMAIL, password, tenantId };
  writeFileSync(file, JSON.stringify(login, null, 2), { mode: 0o600 });
  return login;
}

/** Two years of the café ending yesterday, imported in one transaction like any upload. */
export async function seedMetrics(db: Database, tenantId: string, now: Date): Promise<number> {
  const yesterday = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
  const cafe = generateCafe({ endDate: yesterday });
  try {
    return (await bulkIngest(db, tenantId, cafe.points, { source: 'demo', now: now.getTime() })).points;
  } catch (err) {
    if (err instanceof BulkIngestRefused) throw new Error(`demo data failed its own checks: ${JSON.stringify(err.rowErrors.slice(0, 3))}`);
    throw err;
  }
}

async function seedDashboard(db: Database, tenantId: string, userId: string): Promise<void> {
  const year = { from: new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10), to: new Date().toISOString().slice(0, 10) };
  await withTenant(db, tenantId, async (tx) => {
    const queries = await tx
      .insert(savedQueries)
      .values([
        { tenantId, createdBy: userId, name: 'Weekly revenue vs last year', query: { metric: 'revenue', ...year, bucket: 'week', compare: 'previous_year' } },
        { tenantId, createdBy: userId, name: 'Marketing spend by channel', query: { metric: 'marketing_spend', ...year, bucket: 'month', groupBy: 'channel' } },
        { tenantId, createdBy: userId, name: 'Labour cost per week', query: { metric: 'labour_cost', ...year, bucket: 'week' } },
      ])
      .returning();
    await tx.insert(dashboards).values({
      tenantId,
      createdBy: userId,
      name: 'Owner overview',
      isDefault: true,
      widgets: queries.map((q, i) => ({ savedQueryId: q.id, title: q.name, visualization: i === 1 ? ('bar' as const) : ('line' as const) })),
    });
  });
}

const DAY = 86_400_000;

/**
 * One goal in flight, made the way POST /api/goals makes it: a daily revenue average 6 % above
 * where the café stood, started a month ago with two months to go.
 */
async function seedGoal(db: Database, tenantId: string, userId: string, now: Date): Promise<void> {
  const day = (offset: number) => new Date(now.getTime() + offset * DAY).toISOString().slice(0, 10);
  await withTenant(db, tenantId, async (tx) => {
    const { metric, history } = await metricContext(tx, 'revenue', now);
    if (!metric) throw new Error('the revenue metric is missing from the catalog');
    const recent = history.filter((p) => p.date >= day(-60) && p.date < day(-30));
    const average = recent.reduce((sum, p) => sum + p.value, 0) / Math.max(1, recent.length);
    const body = {
      title: 'Lift average daily revenue 6% by the end of the season',
      description: 'Seeded with the demo: weekday promotions and the new bakery line should carry it.',
      metric: 'revenue',
      measure: 'daily_average' as const,
      targetValue: Math.round(average * 1.06),
      startDate: day(-30),
      deadline: day(60),
    };
    const draft = draftOf(body, metric, now);
    const assessment = assess(draft, metric, history, now);
    if (assessment.verdict === 'fail') throw new Error(`the demo goal is not SMART: ${JSON.stringify(assessment.criteria)}`);
    await insertGoal(tx, {
      tenantId,
      title: draft.title,
      description: body.description,
      metric: 'revenue',
      direction: draft.direction!,
      measure: draft.measure,
      targetValue: body.targetValue,
      unit: metric.unit,
      area: metric.area,
      startDate: draft.startDate,
      deadline: draft.deadline!,
      baselineValue: baselineOf(draft, metric, history),
      status: 'in_progress',
      assessment,
      createdBy: userId,
    });
  });
}

/** The café's saved optimizer settings (stock list, roster, channels, menu), so plans work out of the box. */
export async function seedPlanning(db: Database, tenantId: string, userId: string, now: Date): Promise<void> {
  const settings = cafePlanningSettings({ endDate: new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10) });
  await withTenant(db, tenantId, (tx) =>
    tx.insert(optimizationConstraints).values(optimizationKinds.map((kind) => ({ tenantId, kind, settings: settings[kind], updatedBy: userId }))),
  );
}
