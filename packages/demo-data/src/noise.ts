/**
 * Seeded noise. Every day has its own stream keyed by (seed, day), drawn in a fixed order, so a
 * day's noise never depends on which effects are switched on or on where the series starts.
 */
import { at } from './util';

export interface DayNoise {
  /** Innovation of the weather process (standard normal). */
  weather: number;
  orders: number;
  /** One per category, in CATEGORIES order. */
  mix: readonly number[];
  newCustomers: number;
  refundCount: number;
  /** Uniform in [0, 1). */
  refundSize: number;
  sessions: number;
  labour: number;
  /** One per channel, in CHANNELS order. */
  spend: readonly number[];
}

/** Weather persists for days: AR(1) on the log scale. */
const WEATHER_PHI = 0.7;
const WEATHER_SIGMA = 0.06;
/** The AR(1) is evaluated as a truncated moving average so it needs no start state. */
const WEATHER_MEMORY = 60;

function hash32(a: number, b: number): number {
  let h = (a ^ Math.imul(b | 0, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** mulberry32: tiny, fast, good enough for synthetic noise. */
function uniformStream(state: number): () => number {
  let a = state | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normalFrom(next: () => number): number {
  // Box–Muller, cosine branch only: always two uniforms per normal.
  const u1 = 1 - next();
  const u2 = next();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

export function dayNoise(seed: number, day: number, categories: number, channels: number): DayNoise {
  const next = uniformStream(hash32(hash32(seed >>> 0, 0x5eed), day));
  const normal = () => normalFrom(next);
  const weather = normal();
  const orders = normal();
  const mix = Array.from({ length: categories }, normal);
  const newCustomers = normal();
  const refundCount = normal();
  const refundSize = next();
  const sessions = normal();
  const labour = normal();
  const spend = Array.from({ length: channels }, normal);
  return { weather, orders, mix, newCustomers, refundCount, refundSize, sessions, labour, spend };
}

/**
 * Multiplicative weather factors for `count` days from `firstDay`, with mean 1 (the log-normal
 * bias is removed so expected values stay the deterministic ones).
 */
export function weatherFactors(firstDay: number, count: number, innovation: (day: number) => number): number[] {
  const history = Array.from({ length: count + WEATHER_MEMORY }, (_, i) => innovation(firstDay - WEATHER_MEMORY + i));
  const variance = (WEATHER_SIGMA ** 2 * (1 - WEATHER_PHI ** (2 * WEATHER_MEMORY))) / (1 - WEATHER_PHI ** 2);
  const factors: number[] = [];
  for (let i = 0; i < count; i++) {
    let log = 0;
    let weight = 1;
    for (let k = 0; k < WEATHER_MEMORY; k++) {
      log += weight * WEATHER_SIGMA * at(history, i + WEATHER_MEMORY - k);
      weight *= WEATHER_PHI;
    }
    factors.push(Math.exp(log - variance / 2));
  }
  return factors;
}
