import { describe, expect, it } from 'vitest';
import { grangerTest } from './granger';
import { grangerAnalysis, selectLag } from './granger-analysis';
import { EvidenceInputError } from './errors';
import { seededRandom, normalDraw } from './random';

// Fixture reproducible in R:  t <- 1:80; x <- sin(0.9*t) + 0.3*cos(2.1*t); e <- sin(0.37*t*t)
//                             y <- 0.8*e + 0.5*c(0, head(x, -1))
const t80 = Array.from({ length: 80 }, (_, i) => i + 1);
const x = t80.map((t) => Math.sin(0.9 * t) + 0.3 * Math.cos(2.1 * t));
const e = t80.map((t) => Math.sin(0.37 * t * t));
const y = e.map((v, i) => 0.8 * v + 0.5 * (i === 0 ? 0 : (x[i - 1] as number)));

// lmtest::ChickEgg (Thurman & Fisher 1988, "Chickens, eggs, and causality").
const chicken = [468491, 449743, 436815, 444523, 433937, 389958, 403446, 423921, 389624, 418591, 438288, 422841, 476935, 542047, 582197, 516497, 523227, 467217, 499644, 430876, 456549, 430988, 426555, 398156, 396776, 390708, 383690, 391363, 374281, 387002, 369484, 366082, 377392, 375575, 382262, 394118, 393019, 428746, 425158, 422096, 433280, 421763, 404191, 408769, 394101, 379754, 378361, 386518, 396933, 400585, 392110, 384838, 378609, 364584];
const egg = [3581, 3532, 3327, 3255, 3156, 3081, 3166, 3443, 3424, 3561, 3640, 3840, 4456, 5000, 5366, 5154, 5130, 5077, 5032, 5148, 5404, 5322, 5323, 5307, 5402, 5407, 5500, 5442, 5442, 5542, 5339, 5358, 5403, 5345, 5435, 5474, 5540, 5836, 5777, 5629, 5704, 5806, 5742, 5502, 5461, 5382, 5377, 5408, 5608, 5777, 5825, 5625, 5800, 5656];

describe('grangerTest equals R lmtest::grangertest', () => {
  // R: g <- grangertest(y ~ x, order = o); c(g$F[2], g$Res.Df[1], g$`Pr(>F)`[2])
  const reference: [number, number, number, number][] = [
    [1, 25.911611263144781, 76, 2.5167111813057101e-6],
    [2, 11.588505195744396, 73, 4.2577771265082618e-5],
    [3, 5.6870227669520821, 70, 0.0015230675945424076],
  ];
  it.each(reference)('x → y at lag %i', (lag, f, df2, p) => {
    const r = grangerTest(x, y, { lag });
    expect(Math.abs(r.f - f)).toBeLessThan(1e-6 * Math.max(1, f));
    expect(r.df1).toBe(lag);
    expect(r.df2).toBe(df2);
    expect(Math.abs(r.pValue - p)).toBeLessThan(1e-9);
  });

  it('y → x (grangertest(x ~ y, order = o))', () => {
    expect(grangerTest(y, x, { lag: 1 }).f).toBeCloseTo(10.869447044765046, 8);
    expect(grangerTest(y, x, { lag: 2 }).f).toBeCloseTo(0.70052183931635403, 8);
    expect(grangerTest(y, x, { lag: 3 }).pValue).toBeCloseTo(0.039728830941365201, 8);
  });

  it('reproduces the chicken-and-egg textbook result', () => {
    // R: grangertest(egg ~ chicken, order = 3, data = ChickEgg); grangertest(chicken ~ egg, order = 3, data = ChickEgg)
    const chickenToEgg = grangerTest(chicken, egg, { lag: 3 });
    const eggToChicken = grangerTest(egg, chicken, { lag: 3 });
    expect(Math.abs(chickenToEgg.f - 0.59161532945469963)).toBeLessThan(1e-6);
    expect(chickenToEgg.df2).toBe(44);
    expect(Math.abs(chickenToEgg.pValue - 0.62378620039240051)).toBeLessThan(1e-8);
    expect(Math.abs(eggToChicken.f - 5.4049843723350248)).toBeLessThan(1e-6);
    expect(Math.abs(eggToChicken.pValue - 0.0029663974455764186)).toBeLessThan(1e-8);
  });

  it('rejects bad input with a typed error', () => {
    expect(() => grangerTest([1, 2, 3], [1, 2], { lag: 1 })).toThrow(EvidenceInputError);
    expect(() => grangerTest([1, 2, 3, 4], [1, 2, 3, 4], { lag: 2 })).toThrow(/at least/);
    expect(() => grangerTest([1, Number.NaN, 3, 4, 5, 6], [1, 2, 3, 4, 5, 6], { lag: 1 })).toThrow(EvidenceInputError);
    expect(() => grangerTest(x, y, { lag: 0 })).toThrow(EvidenceInputError);
    expect(() => grangerTest(x.map(() => 5), y, { lag: 1 })).toThrow(EvidenceInputError);
    expect(() => grangerAnalysis(x.map(() => 5), y)).toThrow(EvidenceInputError);
  });
});

describe('grangerAnalysis', () => {
  it('finds a planted lag-2 cause in one direction only', () => {
    const random = seededRandom(1);
    const n = 200;
    const cause = Array.from({ length: n }, () => normalDraw(random));
    const effect = cause.map((_, t) => (t >= 2 ? 0.7 * (cause[t - 2] as number) : 0) + 0.5 * normalDraw(random));
    const r = grangerAnalysis(cause, effect, { maxLag: 6, names: { x: 'marketing', y: 'revenue' } });
    expect(r.lag).toBe(2);
    expect(r.differenced).toBe(0);
    expect(r.xToY.significant).toBe(true);
    expect(r.xToY.pValue).toBeLessThan(1e-10);
    expect(r.yToX.significant).toBe(false);
    expect(r.summary).toMatch(/past marketing helps predict revenue/);
    expect(r.summary).toMatch(/past revenue does not measurably help predict marketing/);
  });

  it('does not report two independent random walks as causal (spurious trend)', () => {
    const random = seededRandom(11);
    const walk = () => {
      let level = 0;
      return Array.from({ length: 150 }, () => (level += normalDraw(random)));
    };
    const a = walk();
    const b = walk();
    const r = grangerAnalysis(a, b, { maxLag: 4 });
    expect(r.differenced).toBeGreaterThanOrEqual(1);
    expect(r.xToY.significant).toBe(false);
    expect(r.yToX.significant).toBe(false);
  });

  it('selects the lag by AIC and BIC on a common sample', () => {
    expect(selectLag(x, y, 4, 'bic')).toBe(1);
    expect(grangerAnalysis(x, y, { lag: 3, makeStationary: false }).xToY.f).toBeCloseTo(5.6870227669520821, 8);
  });
});
