// Evidence engine bench: wall time of each entry point at the sizes a small business produces
// (a year of daily metrics, a few hundred customers, dozens of stores), refutations included.
import {
  beforeAfter, decomposeBySegment, differenceInDifferences, eventStudy, grangerAnalysis, grangerTest,
  learnCausalGraph, propensityMatch, seededRandom, simulate, type PanelObservation,
} from '../../packages/evidence/src/index';
import { normalDraw } from '../../packages/evidence/src/random';
import { lalonde, lalondeCovariates } from '../../packages/evidence/src/lalonde.fixture';

function time(label: string, run: () => unknown, repeats = 3): void {
  run(); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < repeats; i++) run();
  console.log(`${label.padEnd(58)} ${((performance.now() - t0) / repeats).toFixed(1).padStart(8)} ms`);
}

export default async function bench(): Promise<void> {
  const random = seededRandom(1);
  const x = Array.from({ length: 365 }, () => normalDraw(random));
  const y = x.map((_, t) => (t > 1 ? 0.6 * (x[t - 2] as number) : 0) + normalDraw(random));
  time('grangerTest, 365 days, lag 7', () => grangerTest(x, y, { lag: 7 }));
  time('grangerAnalysis, 365 days, BIC up to 14 lags, both ways', () => grangerAnalysis(x, y, { maxLag: 14 }));

  time('propensityMatch, Lalonde 614 rows, 1:1, no refutations', () => propensityMatch(lalonde, { treatment: 'treat', outcome: 're78', covariates: lalondeCovariates, refute: false }));
  time('propensityMatch, Lalonde 614 rows, 1:1, with refutations', () => propensityMatch(lalonde, { treatment: 'treat', outcome: 're78', covariates: lalondeCovariates }), 1);

  const panel: PanelObservation[] = [];
  for (let u = 0; u < 40; u++) for (let t = 0; t < 52; t++) {
    panel.push({ unit: `store${u}`, time: t, treated: u < 15, value: 100 + u + Math.sin(t / 3) * 5 + (u < 15 && t >= 40 ? 4 : 0) + normalDraw(random) });
  }
  time('differenceInDifferences, 40 stores × 52 weeks, refutations', () => differenceInDifferences(panel, { actionTime: 40 }), 1);
  time('eventStudy, 40 stores × 52 weeks, refutations', () => eventStudy(panel, { actionTime: 40 }), 1);
  const daily = Array.from({ length: 365 }, (_, t) => 200 + 0.1 * t + 10 * Math.sin((2 * Math.PI * t) / 7) + (t >= 300 ? 8 : 0) + 3 * normalDraw(random));
  time('beforeAfter, 365 days, weekly season, refutations', () => beforeAfter(daily, { actionIndex: 300, seasonLength: 7 }), 1);

  const names = ['weather', 'marketing', 'traffic', 'conversion', 'orders', 'ticket', 'revenue', 'reviews'];
  const rows = Array.from({ length: 365 }, () => {
    const weather = normalDraw(random);
    const marketing = 100 + 20 * normalDraw(random);
    const traffic = 50 + 0.5 * marketing + 5 * weather + 5 * normalDraw(random);
    const conversion = 0.05 + 0.01 * normalDraw(random);
    const orders = traffic * 0.05 + 20 * conversion + normalDraw(random);
    const ticket = 30 + 2 * normalDraw(random);
    const revenue = 30 * orders + 4 * ticket + 5 * normalDraw(random);
    const reviews = 0.1 * orders + normalDraw(random);
    return { weather, marketing, traffic, conversion, orders, ticket, revenue, reviews };
  });
  let graph = learnCausalGraph(rows, { variables: names });
  time('learnCausalGraph (PC + SEM), 8 metrics × 365 days', () => (graph = learnCausalGraph(rows, { variables: names })));
  time('simulate marketing +20%, 2,000 draws', () => simulate(graph, 'marketing', { change: 0.2 }));

  const segments = Array.from({ length: 200 }, (_, i) => ({ segment: `sku${i}`, valueBefore: 100 + i, valueAfter: 90 + 1.2 * i, volumeBefore: 10 + (i % 7), volumeAfter: 9 + (i % 5) }));
  time('decomposeBySegment, 200 products, mix/rate', () => decomposeBySegment('average ticket', segments));
}
