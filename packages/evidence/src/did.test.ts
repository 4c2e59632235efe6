import { describe, expect, it } from 'vitest';
import { differenceInDifferences } from './did';
import { eventStudy } from './event-study';
import type { PanelObservation } from './panel';
import { seededRandom, normalDraw } from './random';
import { EvidenceInputError } from './errors';

/** Same panel as the R reference:
 *  d <- expand.grid(time = 1:nt, unit = 1:nu); d$treated <- d$unit <= ntr
 *  d$value <- 20 + 2*d$unit + 0.3*d$time + 1.5*(d$treated & d$time >= action) + 0.5*(d$treated & d$time == action + 1) + sin(1.7*d$unit*d$time) */
function panel(nu: number, nt: number, ntr: number, action: number): PanelObservation[] {
  const out: PanelObservation[] = [];
  for (let u = 1; u <= nu; u++) {
    for (let t = 1; t <= nt; t++) {
      const treated = u <= ntr;
      out.push({ unit: `u${String(u).padStart(2, '0')}`, time: t, treated, value: 20 + 2 * u + 0.3 * t + (treated && t >= action ? 1.5 : 0) + (treated && t === action + 1 ? 0.5 : 0) + Math.sin(1.7 * u * t) });
    }
  }
  return out;
}

describe('difference-in-differences equals R two-way fixed effects', () => {
  it('12 units: cluster-robust by unit', () => {
    // f <- lm(value ~ D + factor(unit) + factor(time), data = d); sqrt(vcovCL(f, cluster = ~unit)["D", "D"])
    const r = differenceInDifferences(panel(12, 10, 4, 7), { actionTime: 7, refute: false });
    expect(r.effect).toBeCloseTo(1.1536015836245379, 10);
    expect(r.se).toBeCloseTo(0.39689486439807692, 10);
    expect(r.standardErrors).toBe('cluster');
    expect(r.nUnits).toBe(12);
  });
  it('unbalanced panel (fixed effects swept out iteratively)', () => {
    // d <- d[(d$unit * d$time) %% 7 != 3, ] on the 12-unit panel, then the same lm and vcovCL
    const obs = panel(12, 10, 4, 7).filter((o) => (Number(o.unit.slice(1)) * o.time) % 7 !== 3);
    expect(obs).toHaveLength(103);
    const r = differenceInDifferences(obs, { actionTime: 7, refute: false });
    expect(r.effect).toBeCloseTo(1.035173854692947, 10);
    expect(r.se).toBeCloseTo(0.4476051070517823, 10);
  });

  it('4 units: HC1', () => {
    // f2 on panel(4, 8, 2, 5); sqrt(vcovHC(f2, type = "HC1")["D", "D"])
    const r = differenceInDifferences(panel(4, 8, 2, 5), { actionTime: 5, refute: false });
    expect(r.effect).toBeCloseTo(2.193857903226327, 10);
    expect(r.se).toBeCloseTo(0.52468229517160014, 10);
    expect(r.standardErrors).toBe('HC1');
  });
  it('event study coefficients, SEs and pre-trend F', () => {
    const r = eventStudy(panel(12, 10, 4, 7), { actionTime: 7 });
    expect(r.effects.map((e) => e.relativeTime)).toEqual([-6, -5, -4, -3, -2, 0, 1, 2, 3]);
    const coef = [0.10005984486207475, 0.26506415526171601, 0.17732701759591427, 1.3186032546800182, 0.28397367345825886, 0.7610509041262068, 2.4639156521398515, 1.3841498799289667, 1.4353085288748744];
    const se = [0.7823020419680109, 0.57890664117474022, 0.78382981278138719, 0.54153710579798708, 0.94766696818752405, 0.63959054357639322, 0.6959789695172538, 0.86738776032899756, 0.69543713815799435];
    r.effects.forEach((e, k) => {
      expect(e.estimate).toBeCloseTo(coef[k] as number, 9);
      expect(e.se).toBeCloseTo(se[k] as number, 9);
    });
    // b' solve(V[leads, leads]) b / 5 with V = vcovCL(fe, cluster = ~unit); pf(F, 5, 90, lower.tail = FALSE)
    expect(r.preTrend?.f).toBeCloseTo(2.9217554199433606, 8);
    expect(r.preTrend?.df2).toBe(90);
    expect(r.preTrend?.pValue).toBeCloseTo(0.017215234933465062, 9);
    // w <- rep(1/4, 4) over the post coefficients: sum(w*coef(fe)[post]); sqrt(t(w) %*% V[post, post] %*% w)
    expect(r.averageEffect).toBeCloseTo(1.5111062412674747, 9);
    expect(r.averageSe).toBeCloseTo(0.60218294179719312, 9);
    expect(r.summary).toMatch(/already drifting apart/);
    expect(r.refutations?.checks).toHaveLength(3);
  });
});

describe('difference-in-differences known answers', () => {
  function simulated(effect: number, preTrend: number, seed: number): PanelObservation[] {
    const random = seededRandom(seed);
    const out: PanelObservation[] = [];
    for (let u = 0; u < 20; u++) {
      const level = 100 + 10 * normalDraw(random);
      const treated = u < 8;
      for (let t = 0; t < 16; t++) {
        const season = 5 * Math.sin(t / 2);
        const trend = treated ? preTrend * t : 0;
        out.push({ unit: `store${u}`, time: t, treated, value: level + season + trend + (treated && t >= 10 ? effect : 0) + normalDraw(random) });
      }
    }
    return out;
  }

  it('recovers a planted campaign effect and passes its refutations', () => {
    const r = differenceInDifferences(simulated(4, 0, 1), { actionTime: 10, outcomeName: 'weekly sales', refute: { seed: 2 } });
    expect(r.ci[0]).toBeLessThan(4);
    expect(r.ci[1]).toBeGreaterThan(4);
    expect(r.ci[0]).toBeGreaterThan(2);
    expect(r.refutations?.passed).toBe(true);
    expect(r.summary).toMatch(/have changed weekly sales by \+3\.6\d per period \(95% interval 3\.0\d to 4\.1\d/);
    const es = eventStudy(simulated(4, 0, 1), { actionTime: 10, refute: { seed: 2 } });
    expect(es.refutations?.passed).toBe(true);
    expect(es.preTrend?.pValue).toBeGreaterThan(0.05);
    expect(Math.abs(es.averageEffect - 4)).toBeLessThan(1);
  });

  it('a pre-existing trend with no real effect fails the fake-date placebo', () => {
    const r = differenceInDifferences(simulated(0, 0.6, 3), { actionTime: 10, refute: { seed: 2 } });
    expect(r.effect).toBeGreaterThan(2); // the naive DiD is fooled by the trend ...
    const placebo = r.refutations?.checks.find((c) => c.check === 'placebo treatment');
    expect(placebo?.passed).toBe(false); // ... and the placebo check says so
    expect(r.summary).toMatch(/pre-existing trend/);
    const es = eventStudy(simulated(0, 0.6, 3), { actionTime: 10, refute: { seed: 2 } });
    expect(es.preTrend?.pValue).toBeLessThan(0.01);
    expect(es.refutations?.checks.find((c) => c.check === 'placebo treatment')?.passed).toBe(false);
  });

  it('accepts 0/1 treatment flags as they arrive from JSON', () => {
    const asNumbers = panel(4, 8, 2, 5).map((o) => ({ ...o, treated: (o.treated ? 1 : 0) as unknown as boolean }));
    expect(differenceInDifferences(asNumbers, { actionTime: 5, refute: false }).effect).toBeCloseTo(2.193857903226327, 10);
    expect(eventStudy(asNumbers, { actionTime: 5, refute: false }).summary).toMatch(/per period on average \(95% interval .+ to .+\)/);
  });

  it('pools distant event times into end bins', () => {
    const r = eventStudy(panel(12, 10, 4, 7), { actionTime: 7, maxLeads: 3, maxLags: 1, refute: false });
    expect(r.effects.map((e) => e.relativeTime)).toEqual([-3, -2, 0, 1]);
    expect(r.preTrend?.df1).toBe(2);
  });

  it('keeps user covariates aligned with their observations through the refutations', () => {
    const obs = simulated(4, 0, 1);
    const covariate = obs.map((o) => (o.treated ? 1 : 0) * Math.sin(o.time));
    const r = differenceInDifferences(obs, { actionTime: 10, covariates: { promoWeather: covariate }, refute: { seed: 2 } });
    expect(r.refutations?.checks.every((c) => c.runs > 0)).toBe(true);
    expect(() => differenceInDifferences(obs, { actionTime: 10, covariates: { bad: [1, 2] } })).toThrow(EvidenceInputError);
  });

  it('rejects panels without a comparison group or without history', () => {
    const onlyTreated = simulated(1, 0, 1).filter((o) => o.treated);
    expect(() => differenceInDifferences(onlyTreated, { actionTime: 10 })).toThrow(EvidenceInputError);
    expect(() => differenceInDifferences(simulated(1, 0, 1), { actionTime: 0 })).toThrow(/before and from/);
    const dup = simulated(1, 0, 1);
    dup.push({ ...(dup[0] as PanelObservation) });
    expect(() => differenceInDifferences(dup, { actionTime: 10 })).toThrow(/two values/);
  });
});
