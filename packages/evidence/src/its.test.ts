import { describe, expect, it } from 'vitest';
import { beforeAfter } from './its';
import { seededRandom, normalDraw } from './random';
import { EvidenceInputError } from './errors';

// R: t <- 0:59; post <- as.numeric(t >= 40); since <- post*(t - 40); s <- factor(t %% 7)
//    y <- 50 + 0.2*t + 3*post + 0.1*since + 1.5*(t %% 7 == 3) + 2*sin(0.7*t*t)
//    f <- lm(y ~ t + post + since [+ s]); a <- c(0, 0, 1, mean(since[post == 1]), 0...)
//    V <- NeweyWest(f, lag = 3, prewhite = FALSE, adjust = FALSE); sum(a*coef(f)); sqrt(t(a) %*% V %*% a)
const y = Array.from({ length: 60 }, (_, t) => 50 + 0.2 * t + (t >= 40 ? 3 + 0.1 * (t - 40) : 0) + (t % 7 === 3 ? 1.5 : 0) + 2 * Math.sin(0.7 * t * t));

describe('beforeAfter equals R segmented regression with Newey–West errors', () => {
  it('without seasonality', () => {
    const r = beforeAfter(y, { actionIndex: 40, refute: false });
    expect(r.hacLag).toBe(3);
    expect(r.effect).toBeCloseTo(2.9680576919468722, 10);
    expect(r.se).toBeCloseTo(0.5390592900697736, 10);
    expect(r.levelChange).toBeCloseTo(2.611172084955196, 10);
    expect(r.slopeChange).toBeCloseTo(0.037566905999123823, 10);
    expect(r.pValue).toBeCloseTo(9.5263140896858546e-7, 12);
  });
  it('with weekly season dummies', () => {
    const r = beforeAfter(y, { actionIndex: 40, seasonLength: 7, refute: false });
    expect(r.effect).toBeCloseTo(2.922940860454156, 10);
    expect(r.se).toBeCloseTo(0.55716034001406478, 10);
    expect(r.pValue).toBeCloseTo(3.1601862897854058e-6, 12);
  });
});

describe('beforeAfter known answers', () => {
  it('finds a planted +10 jump in daily sales and passes its refutations', () => {
    const random = seededRandom(4);
    const sales = Array.from({ length: 90 }, (_, t) => 200 + 0.3 * t + 15 * Math.sin((2 * Math.PI * t) / 7) + (t >= 60 ? 10 : 0) + 4 * normalDraw(random));
    const r = beforeAfter(sales, { actionIndex: 60, seasonLength: 7, outcomeName: 'daily sales', refute: { seed: 1 } });
    expect(r.ci[0]).toBeLessThan(10);
    expect(r.ci[1]).toBeGreaterThan(10);
    expect(r.ci[0]).toBeGreaterThan(5);
    expect(r.refutations?.passed).toBe(true);
    expect(r.summary).toMatch(/daily sales ran \+\d+(\.\d+)? per period away from where its earlier trend and seasonal pattern pointed/);
  });
  it('a plain trend without an action shows no effect', () => {
    const random = seededRandom(8);
    const sales = Array.from({ length: 80 }, (_, t) => 100 + 0.5 * t + 3 * normalDraw(random));
    const r = beforeAfter(sales, { actionIndex: 55, refute: false });
    expect(r.ci[0]).toBeLessThan(0);
    expect(r.ci[1]).toBeGreaterThan(0);
    expect(r.summary).toMatch(/cannot rule out no effect/);
  });
  it('rejects too little history', () => {
    expect(() => beforeAfter([1, 2, 3, 4, 5, 6, 7, 8], { actionIndex: 2 })).toThrow(EvidenceInputError);
    expect(() => beforeAfter([1, 2, 3], { actionIndex: 1 })).toThrow(EvidenceInputError);
  });
});
