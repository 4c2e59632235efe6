import type { DailyValue } from '../points';
import type { QuickbooksReport, ReportRow } from './reports';

/** P&L section groups → our metric names. Income is the day's sales. */
const GROUP_METRIC: Record<string, DailyValue['metric']> = {
  Income: 'revenue',
  COGS: 'cost_of_goods',
  Expenses: 'expenses',
};

const amount = (v: string | undefined) => {
  const n = Number(v ?? '');
  return v === undefined || v === '' || !Number.isFinite(n) ? 0 : n;
};

/**
 * A ProfitAndLoss report summarized by Days → one value per day and metric: the section
 * totals (Total Income, Total Cost of Goods Sold, Total Expenses). Days without activity
 * are reported as 0, so a corrected entry in the books overwrites an earlier value.
 */
export function profitAndLossDaily(report: QuickbooksReport): DailyValue[] {
  const columns = report.Columns?.Column ?? [];
  const dayOfColumn = columns.map((c) => {
    const start = c.MetaData?.find((m) => m.Name === 'StartDate')?.Value;
    const end = c.MetaData?.find((m) => m.Name === 'EndDate')?.Value;
    return start && start === end && /^\d{4}-\d{2}-\d{2}$/.test(start) ? start : null;
  });
  const sections = new Map<string, ReportRow>();
  for (const row of report.Rows?.Row ?? []) if (row.group) sections.set(row.group, row);

  const out: DailyValue[] = [];
  for (const [group, metric] of Object.entries(GROUP_METRIC)) {
    const cells = sections.get(group)?.Summary?.ColData ?? [];
    dayOfColumn.forEach((day, i) => {
      if (day) out.push({ metric, day, value: amount(cells[i]?.value) });
    });
  }
  return out;
}
