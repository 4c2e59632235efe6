import { describe, expect, it } from 'vitest';
import { ols, regress } from './regression';
import { logisticRegression } from './logistic';
import { EvidenceInputError } from './errors';

// R: t <- 1:40; x1 <- sin(t); x2 <- cos(0.5*t) + t/40
//    y <- 1 + 2*x1 - x2 + sin(0.13*t*t)*(1+abs(x1)); f <- lm(y ~ x1 + x2)
const t = Array.from({ length: 40 }, (_, i) => i + 1);
const x1 = t.map((v) => Math.sin(v));
const x2 = t.map((v) => Math.cos(0.5 * v) + v / 40);
const y = t.map((v, i) => 1 + 2 * (x1[i] as number) - (x2[i] as number) + Math.sin(0.13 * v * v) * (1 + Math.abs(x1[i] as number)));
const X = t.map((_, i) => [x1[i] as number, x2[i] as number]);

function expectAll(actual: number[], expected: number[], tolerance: number): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => expect(Math.abs(v - (expected[i] as number))).toBeLessThan(tolerance));
}

describe('ols equals R lm + sandwich', () => {
  it('coefficients, classical, HC1 and HC3 standard errors', () => {
    const classical = ols(X, y, { covariance: 'classical' });
    const hc1 = ols(X, y);
    const hc3 = ols(X, y, { covariance: 'HC3' });
    // coef(f); sqrt(diag(vcov(f))); sqrt(diag(vcovHC(f, type = "HC1"))); sqrt(diag(vcovHC(f, type = "HC3")))
    expectAll(hc1.coefficients.map((c) => c.estimate), [1.1652898472343649, 2.505262420801508, -1.080441237031418], 1e-10);
    expectAll(classical.coefficients.map((c) => c.se), [0.19133795540883039, 0.22125178529737954, 0.19750727167954538], 1e-10);
    expectAll(hc1.coefficients.map((c) => c.se), [0.206178629032373, 0.21199381568434095, 0.20571695560595327], 1e-10);
    expectAll(hc3.coefficients.map((c) => c.se), [0.21520189399253814, 0.22380824671569818, 0.21985624163594958], 1e-10);
    // coeftest(f, vcov = vcovHC(f, type = "HC1"))[, 4]; coefci(f, vcov = vcovHC(f, type = "HC1"))[2, ]
    expectAll(hc1.coefficients.map((c) => c.pValue), [1.8598791176152343e-6, 4.0076044507161084e-14, 6.4586055926252664e-6], 1e-9);
    expectAll(hc1.coefficients[1]?.ci ?? [], [2.0757221492531142, 2.9348026923499018], 1e-9);
    // summary(f)$r.squared, summary(f)$adj.r.squared
    expect(hc1.r2).toBeCloseTo(0.80419754429521084, 10);
    expect(hc1.adjR2).toBeCloseTo(0.79361362777062761, 10);
    expect(hc1.df).toBe(37);
  });

  it('regress() over rows names coefficients and writes a summary', () => {
    const rows = t.map((_, i) => ({ marketing: x1[i] as number, price: x2[i] as number, revenue: y[i] as number }));
    const r = regress(rows, { outcome: 'revenue', predictors: ['marketing', 'price'] });
    expect(r.coefficients.map((c) => c.name)).toEqual(['(Intercept)', 'marketing', 'price']);
    expect(r.summary).toMatch(/one more unit of marketing goes with \+2\.51 in revenue \(95% interval 2\.08 to 2\.93/);
  });

  it('rejects collinear, short and non-finite input', () => {
    expect(() => ols(t.map((_, i) => [x1[i] as number, 2 * (x1[i] as number)]), y)).toThrow(EvidenceInputError);
    expect(() => ols([[1], [2]], [1, 2])).toThrow(EvidenceInputError);
    expect(() => ols(X, y.map((v, i) => (i === 3 ? Number.NaN : v)))).toThrow(EvidenceInputError);
    expect(() => regress([{ a: 1 }], { outcome: 'b', predictors: ['a'] })).toThrow(/no finite value/);
  });
});

describe('logisticRegression equals R glm(binomial)', () => {
  // R: d <- as.numeric(sin(0.7*t*t) + x1 > 0.2); m <- glm(d ~ x1 + x2, family = binomial)
  const d = t.map((v, i) => (Math.sin(0.7 * v * v) + (x1[i] as number) > 0.2 ? 1 : 0));
  it('coefficients, standard errors, fitted values, deviance', () => {
    expect(d.join('')).toBe('1100001111000010001110000111000110000011');
    const m = logisticRegression(X, d);
    expect(m.converged).toBe(true);
    expectAll(m.coefficients.map((c) => c.estimate), [-0.51468108355279385, 3.8200278725785863, -1.0109690371245503], 1e-8);
    expectAll(m.coefficients.map((c) => c.se), [0.64398931870842735, 1.1513214384446067, 0.70989113045387375], 1e-7);
    // fitted(m)[c(1, 7, 40)]; deviance(m); m$null.deviance; AIC(m)
    expectAll([m.probabilities[0] as number, m.probabilities[6] as number, m.probabilities[39] as number], [0.85659328954107883, 0.940745736902319, 0.71262033878163455], 1e-9);
    expect(m.deviance).toBeCloseTo(26.07540851095181, 8);
    expect(m.nullDeviance).toBeCloseTo(54.548368698462681, 8);
    expect(m.aic).toBeCloseTo(32.07540851095181, 8);
    expect(m.summary).toMatch(/one more unit of x1 multiplies the odds by 45\.6 /);
  });
  it('refuses perfectly separated outcomes', () => {
    expect(() => logisticRegression(X, x1.map((v) => (v > 0 ? 1 : 0)))).toThrow(/separated/);
  });
});
