/** One scenario of the café: every daily series, with a chosen set of planted effects on. */
import { holidayIndex } from './calendar';
import { simulateDemand, expectDay, type DayDemand, type DayExpectation } from './demand';
import { PRICE_CHANGE, priceChanged, type Effects } from './effects';
import { simulateInventory } from './inventory';
import { WAGE_AFTER, WAGE_BEFORE, labourForDay, type DayLabour } from './labour';
import { CHANNELS, simulateMarketing, type DayMarketing } from './marketing';
import { CATEGORIES } from './model';
import { dayNoise, weatherFactors } from './noise';
import type { Plan } from './plan';
import { at } from './util';

export interface ScenarioInput {
  endDay: number;
  days: number;
  seed: number;
  plan: Plan;
  effects: Effects;
  /** Inventory is the costly part; counterfactuals for effect sizes can skip it. */
  withInventory?: boolean;
}

export interface Scenario {
  days: number[];
  expectations: DayExpectation[];
  demand: DayDemand[];
  labour: DayLabour[];
  marketing: DayMarketing[];
  /** Empty when simulated without inventory. */
  inventory: number[][];
  stockouts: number[];
}

/** Ordering looks two weeks ahead, so expectations are available past the last day. */
const LOOKAHEAD_DAYS = 14;

export function simulate(input: ScenarioInput): Scenario {
  const { endDay, seed, plan, effects } = input;
  const firstDay = endDay - input.days + 1;
  const days = Array.from({ length: input.days }, (_, i) => firstDay + i);
  const holidays = holidayIndex(firstDay, endDay + LOOKAHEAD_DAYS);
  const noise = days.map((day) => dayNoise(seed, day, CATEGORIES.length, CHANNELS.length));
  const weather = weatherFactors(firstDay, input.days, (day) =>
    day >= firstDay ? at(noise, day - firstDay).weather : dayNoise(seed, day, CATEGORIES.length, CHANNELS.length).weather,
  );

  const expectCache = new Map<number, DayExpectation>();
  const expect = (day: number): DayExpectation => {
    let e = expectCache.get(day);
    if (!e) {
      e = expectDay(day, endDay, plan, effects, holidays);
      expectCache.set(day, e);
    }
    return e;
  };
  const expectations = days.map(expect);

  const demand = simulateDemand({ expectations, noise, weather });
  const labour = demand.map((d, i) => labourForDay(d, at(noise, i), d.day >= plan.wageChange ? WAGE_AFTER : WAGE_BEFORE));
  const marketing = simulateMarketing(days, noise, endDay, plan, effects);
  const coffeePriceFactor = (day: number) => (priceChanged(day, plan, effects) ? 1 + PRICE_CHANGE.coffeePricePct / 100 : 1);
  const { levels, stockouts } =
    input.withInventory === false
      ? { levels: [], stockouts: [] }
      : simulateInventory({ endDay, plan, stockoutOn: effects.stockout, demand, expect, coffeePriceFactor });

  return { days, expectations, demand, labour, marketing, inventory: levels, stockouts };
}
