import { nelderMead } from './optim';
import { at, mean } from './stats';
import type { ModelForecast } from './types';
import { difference, ndiffs, nsdiffs } from './unitroot';

// Seasonal ARIMA estimated by least squares on residuals from the first observation (pre-sample values at the mean), orders chosen by the Hyndman–Khandakar (2008)
// stepwise AICc search after unit-root tests fix d and D.

export type ArimaOrder = { p: number; d: number; q: number; P: number; D: number; Q: number; m: number; constant: boolean };

export type ArimaFit = {
  order: ArimaOrder;
  ar: number[];
  ma: number[];
  sar: number[];
  sma: number[];
  constant: number;
  sigma2: number;
  aicc: number;
  /** Residuals aligned with the differenced series. */
  residuals: number[];
  /** The optimiser's unconstrained parameter vector, reused to warm-start refits. */
  raw: number[];
  differenced: number[];
  y: number[];
};

export function orderName(o: ArimaOrder): string {
  const base = `ARIMA(${o.p},${o.d},${o.q})`;
  const seas = o.P + o.D + o.Q > 0 ? `(${o.P},${o.D},${o.Q})[${o.m}]` : '';
  return base + seas + (o.constant ? (o.d + o.D === 1 ? ' with drift' : ' with mean') : '');
}

/** Maps unconstrained reals to a stationary AR polynomial via partial autocorrelations (Monahan 1984). */
function toStationary(x: readonly number[]): number[] {
  const r = x.map((v) => Math.tanh(v));
  const phi: number[] = [];
  for (let k = 0; k < r.length; k++) {
    const rk = at(r, k);
    const prev = phi.slice();
    for (let j = 0; j < k; j++) phi[j] = at(prev, j) - rk * at(prev, k - 1 - j);
    phi[k] = rk;
  }
  return phi;
}

/** Multiplies (1 − Σ a_i Bⁱ)(1 − Σ A_j B^{jm}); returns the lag coefficients c with poly = 1 − Σ c_k B^k. */
function expandAr(a: readonly number[], A: readonly number[], m: number): number[] {
  const len = a.length + A.length * m;
  const poly = new Array<number>(len + 1).fill(0);
  poly[0] = 1;
  for (let i = 0; i < a.length; i++) poly[i + 1] = -at(a, i);
  const out = poly.slice();
  for (let j = 0; j < A.length; j++) {
    const c = -at(A, j);
    for (let i = 0; i <= a.length; i++) out[i + (j + 1) * m] = at(out, i + (j + 1) * m) + c * at(poly, i);
  }
  return out.slice(1).map((v) => -v);
}

/** (1 + Σ b_i Bⁱ)(1 + Σ B_j B^{jm}) → coefficients c with poly = 1 + Σ c_k B^k. */
function expandMa(b: readonly number[], B: readonly number[], m: number): number[] {
  return expandAr(b.map((v) => -v), B.map((v) => -v), m).map((v) => -v);
}

type Sparse = { lag: number[]; coef: number[] };
function sparse(c: readonly number[]): Sparse {
  const lag: number[] = [];
  const coef: number[] = [];
  c.forEach((v, i) => {
    if (v !== 0) {
      lag.push(i + 1);
      coef.push(v);
    }
  });
  return { lag, coef };
}

function cssResiduals(w: readonly number[], mu: number, arC: readonly number[], maC: readonly number[]): { res: number[]; sse: number; used: number } {
  const n = w.length;
  // Residuals run from the first observation with pre-sample values at their mean (zero after centring), so every
  // order is judged on the same observations; conditioning on the first p+mP values instead lets high-order
  // seasonal AR models on short series look far better than they forecast.
  const ar = sparse(arC);
  const ma = sparse(maC);
  const res = new Array<number>(n).fill(0);
  let sse = 0;
  for (let t = 0; t < n; t++) {
    let e = at(w, t) - mu;
    for (let k = 0; k < ar.lag.length; k++) {
      const L = at(ar.lag, k);
      if (t - L >= 0) e -= at(ar.coef, k) * (at(w, t - L) - mu);
    }
    for (let k = 0; k < ma.lag.length; k++) {
      const L = at(ma.lag, k);
      if (t - L >= 0) e -= at(ma.coef, k) * at(res, t - L);
    }
    res[t] = e;
    sse += e * e;
  }
  return { res, sse, used: n };
}

/** Writes the Monahan-transformed coefficients of x[from..from+len) into out (sign −1 for MA polynomials). */
function transformInto(x: readonly number[], from: number, len: number, sign: number, out: Float64Array, tmp: Float64Array): void {
  for (let k = 0; k < len; k++) {
    const rk = Math.tanh(x[from + k] as number);
    for (let j = 0; j < k; j++) tmp[j] = out[j] as number;
    for (let j = 0; j < k; j++) out[j] = (tmp[j] as number) - rk * (tmp[k - 1 - j] as number);
    out[k] = rk;
  }
  if (sign < 0) for (let k = 0; k < len; k++) out[k] = -(out[k] as number);
}

/**
 * The optimiser's hot path: sum of squared residuals for an unconstrained parameter vector, with the
 * multiplicative polynomials kept as term lists (lag, coefficient) in preallocated buffers.
 * Same arithmetic as cssResiduals, without allocating per call.
 */
function sumOfSquares(w: Float64Array, order: ArimaOrder): (x: readonly number[]) => number {
  const { p, q, P, Q, m } = order;
  const n = w.length;
  const a = new Float64Array(Math.max(1, p));
  const A = new Float64Array(Math.max(1, P));
  const b = new Float64Array(Math.max(1, q));
  const B = new Float64Array(Math.max(1, Q));
  const tmp = new Float64Array(6);
  const arLag = new Int32Array(p + P + p * P);
  const arCoef = new Float64Array(p + P + p * P);
  const maLag = new Int32Array(q + Q + q * Q);
  const maCoef = new Float64Array(q + Q + q * Q);
  const res = new Float64Array(n);
  // (1 − ΣaᵢBⁱ)(1 − ΣA_jB^{jm}) = 1 − ΣaᵢBⁱ − ΣA_jB^{jm} + Σ aᵢA_j B^{i+jm}; likewise for the MA side with +.
  let k = 0;
  for (let i = 1; i <= p; i++) arLag[k++] = i;
  for (let j = 1; j <= P; j++) arLag[k++] = j * m;
  for (let j = 1; j <= P; j++) for (let i = 1; i <= p; i++) arLag[k++] = i + j * m;
  k = 0;
  for (let i = 1; i <= q; i++) maLag[k++] = i;
  for (let j = 1; j <= Q; j++) maLag[k++] = j * m;
  for (let j = 1; j <= Q; j++) for (let i = 1; i <= q; i++) maLag[k++] = i + j * m;
  const nAr = arLag.length;
  const nMa = maLag.length;
  return (x) => {
    transformInto(x, 0, p, 1, a, tmp);
    transformInto(x, p, q, -1, b, tmp);
    transformInto(x, p + q, P, 1, A, tmp);
    transformInto(x, p + q + P, Q, -1, B, tmp);
    const mu = order.constant ? (x[p + q + P + Q] as number) : 0;
    let c = 0;
    for (let i = 0; i < p; i++) arCoef[c++] = a[i] as number;
    for (let j = 0; j < P; j++) arCoef[c++] = A[j] as number;
    for (let j = 0; j < P; j++) for (let i = 0; i < p; i++) arCoef[c++] = -(a[i] as number) * (A[j] as number);
    c = 0;
    for (let i = 0; i < q; i++) maCoef[c++] = b[i] as number;
    for (let j = 0; j < Q; j++) maCoef[c++] = B[j] as number;
    for (let j = 0; j < Q; j++) for (let i = 0; i < q; i++) maCoef[c++] = (b[i] as number) * (B[j] as number);
    let sse = 0;
    for (let t = 0; t < n; t++) {
      let e = (w[t] as number) - mu;
      for (let r = 0; r < nAr; r++) {
        const L = arLag[r] as number;
        if (t >= L) e -= (arCoef[r] as number) * ((w[t - L] as number) - mu);
      }
      for (let r = 0; r < nMa; r++) {
        const L = maLag[r] as number;
        if (t >= L) e -= (maCoef[r] as number) * (res[t - L] as number);
      }
      res[t] = e;
      sse += e * e;
    }
    return Number.isFinite(sse) ? sse : 1e300;
  };
}

/** Fits one order by CSS; returns null when there are too few observations. */
export function fitArimaOrder(y: readonly number[], order: ArimaOrder, warm?: readonly number[]): ArimaFit | null {
  const { p, q, P, Q, m } = order;
  let w = y.slice();
  for (let i = 0; i < order.D; i++) w = difference(w, m);
  for (let i = 0; i < order.d; i++) w = difference(w, 1);
  const k = p + q + P + Q + (order.constant ? 1 : 0);
  if (w.length <= k + 2) return null;
  const wScale = Math.sqrt(mean(w.map((v) => v * v))) || 1;
  const ws = w.map((v) => v / wScale);
  const unpack = (x: readonly number[]) => {
    let i = 0;
    const take = (len: number) => x.slice(i, (i += len));
    const ar = toStationary(take(p));
    const ma = toStationary(take(q)).map((v) => -v);
    const sar = toStationary(take(P));
    const sma = toStationary(take(Q)).map((v) => -v);
    const mu = order.constant ? (x[i] as number) : 0;
    return { ar, ma, sar, sma, mu };
  };
  const sse = sumOfSquares(Float64Array.from(ws), order);
  const objective = (x: number[]) => Math.log(sse(x) / ws.length);
  const x0 = new Array<number>(k).fill(0);
  if (order.constant) x0[k - 1] = mean(ws);
  let x = x0;
  if (k > 0 && warm && warm.length === k) {
    x = nelderMead(objective, [...warm], { step: x0.map(() => 0.03), maxIter: 80 * k, tol: 1e-7 }).x;
  } else if (k > 0) {
    const opt = nelderMead(objective, x0, { step: x0.map(() => 0.1), maxIter: 100 * k, tol: 1e-7 });
    x = nelderMead(objective, opt.x, { step: x0.map(() => 0.02), maxIter: 40 * k, tol: 1e-8 }).x;
  }
  const u = unpack(x);
  const arC = expandAr(u.ar, u.sar, m);
  const maC = expandMa(u.ma, u.sma, m);
  const r = cssResiduals(ws, u.mu, arC, maC);
  const sigma2 = (r.sse / r.used) * wScale * wScale;
  const nEff = w.length;
  const loglik = -0.5 * nEff * (Math.log(2 * Math.PI * sigma2) + 1);
  const kk = k + 1;
  const aicc = -2 * loglik + 2 * kk + (2 * kk * (kk + 1)) / Math.max(1, nEff - kk - 1);
  return {
    order,
    ar: u.ar,
    ma: u.ma,
    sar: u.sar,
    sma: u.sma,
    constant: u.mu * wScale,
    sigma2: (r.sse * wScale * wScale) / Math.max(1, r.used - k),
    aicc,
    residuals: r.res.map((v) => v * wScale),
    raw: x,
    differenced: w,
    y: y.slice(),
  };
}

export function arimaForecast(fit: ArimaFit, horizon: number): ModelForecast {
  const { order } = fit;
  const m = order.m;
  const arC = expandAr(fit.ar, fit.sar, m);
  const maC = expandMa(fit.ma, fit.sma, m);
  const w = fit.differenced;
  const n = w.length;
  const z = w.map((v) => v - fit.constant);
  const e = fit.residuals.slice();
  for (let h = 0; h < horizon; h++) {
    const t = n + h;
    let v = 0;
    arC.forEach((c, i) => {
      const idx = t - i - 1;
      if (c !== 0 && idx >= 0) v += c * at(z, idx);
    });
    maC.forEach((c, i) => {
      const idx = t - i - 1;
      if (c !== 0 && idx >= 0 && idx < n) v += c * at(e, idx);
    });
    z.push(v);
  }
  // Undo differencing: y_t = w_t + Σ δ_k y_{t−k} with (1−B)^d(1−B^m)^D = 1 − Σ δ_k B^k.
  const delta = differencingPoly(order);
  const y = fit.y.slice();
  const mean: number[] = [];
  for (let h = 0; h < horizon; h++) {
    const t = y.length;
    let v = at(z, n + h) + fit.constant;
    delta.forEach((c, k) => {
      if (c !== 0) v += c * at(y, t - k - 1);
    });
    y.push(v);
    mean.push(v);
  }
  // ψ-weights of the full (integrated) model give the forecast variance.
  const full = mulPoly([1, ...arC.map((c) => -c)], [1, ...delta.map((c) => -c)]).slice(1).map((c) => -c);
  const psi = [1];
  for (let j = 1; j < horizon; j++) {
    let v = j <= maC.length ? at(maC, j - 1) : 0;
    for (let i = 1; i <= Math.min(j, full.length); i++) v += at(full, i - 1) * at(psi, j - i);
    psi.push(v);
  }
  const sd: number[] = [];
  let acc = 0;
  for (let h = 0; h < horizon; h++) {
    acc += at(psi, h) * at(psi, h);
    sd.push(Math.sqrt(fit.sigma2 * acc));
  }
  return { name: 'arima', spec: orderName(order), mean, sd, aicc: fit.aicc };
}

function mulPoly(a: readonly number[], b: readonly number[]): number[] {
  const out = new Array<number>(a.length + b.length - 1).fill(0);
  a.forEach((x, i) => b.forEach((y, j) => (out[i + j] = at(out, i + j) + x * y)));
  return out;
}

function differencingPoly(o: ArimaOrder): number[] {
  let poly = [1];
  for (let i = 0; i < o.d; i++) poly = mulPoly(poly, [1, -1]);
  const seas = new Array<number>(o.m + 1).fill(0);
  seas[0] = 1;
  seas[o.m] = -1;
  for (let i = 0; i < o.D; i++) poly = mulPoly(poly, seas);
  return poly.slice(1).map((c) => -c);
}

const MAX = { p: 5, q: 5, P: 2, Q: 2, order: 5 };

/**
 * True when every root of 1 − Σ c_k z^k lies outside radius `radius`: the polynomial rescaled to z·radius must be
 * stationary, which the inverse Durbin–Levinson recursion decides exactly (all partial autocorrelations in (−1, 1)).
 */
export function rootsOutside(c: readonly number[], radius: number): boolean {
  let phi = c.map((v, k) => v * Math.pow(radius, k + 1));
  while (phi.length > 0 && Math.abs(phi[phi.length - 1] as number) < 1e-12) phi = phi.slice(0, -1);
  for (let k = phi.length; k >= 1; k--) {
    const r = phi[k - 1] as number;
    if (!(Math.abs(r) < 1)) return false;
    const prev: number[] = [];
    for (let j = 0; j < k - 1; j++) prev.push(((phi[j] as number) + r * (phi[k - 2 - j] as number)) / (1 - r * r));
    phi = prev;
  }
  return true;
}

/** forecast::auto.arima discards fits with an AR or MA root within 1.01 of the unit circle (unstable forecasts). */
function nearUnitRoot(fit: ArimaFit): boolean {
  const m = fit.order.m;
  return !rootsOutside(expandAr(fit.ar, fit.sar, m), 1.01) || !rootsOutside(expandMa(fit.ma, fit.sma, m).map((v) => -v), 1.01);
}

/** Hyndman–Khandakar stepwise search. */
export function autoArima(y: readonly number[], period: number): ArimaFit | null {
  const m = period > 1 && y.length >= 2 * period + 4 ? period : 1;
  const D = m > 1 ? nsdiffs(y, m) : 0;
  let x = y.slice();
  if (D) x = difference(x, m);
  const d = ndiffs(x);
  const allowConst = d + D <= 1;
  const seasonal = m > 1;
  const cache = new Map<string, ArimaFit | null>();
  const fitOrder = (p: number, q: number, P: number, Q: number, constant: boolean) => {
    if (p < 0 || q < 0 || P < 0 || Q < 0 || p > MAX.p || q > MAX.q || P > MAX.P || Q > MAX.Q) return null;
    if (p + q + P + Q > MAX.order || (!seasonal && P + Q > 0) || (constant && !allowConst)) return null;
    const key = `${p},${q},${P},${Q},${constant}`;
    if (!cache.has(key)) {
      const f = fitArimaOrder(y, { p, d, q, P, D, Q, m, constant });
      cache.set(key, f && !nearUnitRoot(f) ? f : null);
    }
    return cache.get(key) ?? null;
  };
  let best: ArimaFit | null = null;
  const consider = (f: ArimaFit | null) => {
    if (f && Number.isFinite(f.aicc) && (!best || f.aicc < best.aicc - 1e-9)) {
      best = f;
      return true;
    }
    return false;
  };
  const c = allowConst;
  consider(fitOrder(2, 2, seasonal ? 1 : 0, seasonal ? 1 : 0, c));
  consider(fitOrder(0, 0, 0, 0, c));
  consider(fitOrder(1, 0, seasonal ? 1 : 0, 0, c));
  consider(fitOrder(0, 1, 0, seasonal ? 1 : 0, c));
  if (c) consider(fitOrder(0, 0, 0, 0, false));
  for (let step = 0; step < 94 && best; step++) {
    const o: ArimaOrder = (best as ArimaFit).order;
    // The neighbourhood and its order follow forecast::auto.arima's stepwise search.
    const moves: [number, number, number, number, boolean][] = [
      [o.p, o.q, o.P - 1, o.Q, o.constant], [o.p, o.q, o.P, o.Q - 1, o.constant],
      [o.p, o.q, o.P + 1, o.Q, o.constant], [o.p, o.q, o.P, o.Q + 1, o.constant],
      [o.p, o.q, o.P - 1, o.Q - 1, o.constant], [o.p, o.q, o.P - 1, o.Q + 1, o.constant],
      [o.p, o.q, o.P + 1, o.Q - 1, o.constant], [o.p, o.q, o.P + 1, o.Q + 1, o.constant],
      [o.p - 1, o.q, o.P, o.Q, o.constant], [o.p, o.q - 1, o.P, o.Q, o.constant],
      [o.p + 1, o.q, o.P, o.Q, o.constant], [o.p, o.q + 1, o.P, o.Q, o.constant],
      [o.p - 1, o.q - 1, o.P, o.Q, o.constant], [o.p - 1, o.q + 1, o.P, o.Q, o.constant],
      [o.p + 1, o.q - 1, o.P, o.Q, o.constant], [o.p + 1, o.q + 1, o.P, o.Q, o.constant],
      [o.p, o.q, o.P, o.Q, !o.constant],
    ];
    let improved = false;
    for (const [p, q, P, Q, k] of moves) {
      if (consider(fitOrder(p, q, P, Q, k))) {
        improved = true;
        break;
      }
    }
    if (!improved) break;
  }
  return best;
}

export function arima(y: number[], period: number, horizon: number): ModelForecast {
  const fit = autoArima(y, period) ?? fitArimaOrder(y, { p: 0, d: 1, q: 0, P: 0, D: 0, Q: 0, m: 1, constant: false });
  if (!fit) throw new Error('ARIMA could not be fitted');
  return arimaForecast(fit, horizon);
}
