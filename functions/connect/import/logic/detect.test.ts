import { describe, expect, it } from 'vitest';
import { builtinByName } from '@dyocense/metrics';
import { proposeMapping, resolveMapping } from './detect';
import { profileFile } from './profile';

const file = (header: string[], rows: (string | number | null)[][], delimiter?: string) => profileFile(header, rows, delimiter);

describe('proposeMapping', () => {
  it('maps a wide POS export: date, metrics by header synonyms, store as a dimension', () => {
    const f = file(
      ['Date', 'Store', 'Net Sales ($)', 'Transactions', 'Notes', 'Tips'],
      [
        ['01/13/2024', 'North', '$1,204.50', '88', 'rainy', '12'],
        ['01/13/2024', 'South', '$980.00', '71', 'busy lunch', '9'],
        ['01/14/2024', 'North', '$1,100.25', '80', 'new menu', '10'],
      ],
    );
    expect(f.columns.map((c) => c.type)).toEqual(['date', 'text', 'number', 'number', 'text', 'number']);
    expect(f.columns[2]).toMatchObject({ currency: 'USD' });
    const { mapping, warnings } = proposeMapping(f, builtinByName);
    expect(mapping).toMatchObject({
      time: { column: 'Date', format: 'mdy' },
      layout: 'wide',
      metrics: [
        { column: 'Net Sales ($)', metric: 'revenue' },
        { column: 'Transactions', metric: 'orders' },
      ],
      dimensions: [{ column: 'Store', name: 'store' }],
      decimal: '.',
    });
    expect(warnings.join(' ')).toMatch(/"Tips" holds numbers but names no metric/);
  });

  it('maps a long file and a European number style', () => {
    const f = file(
      ['Datum', 'Metric', 'Value', 'Channel'],
      [
        ['31.01.2024', 'revenue', '1.234,50', 'web'],
        ['31.01.2024', 'Marketing spend', '99,90', 'web'],
        ['01.02.2024', 'revenue', '1.100,00', 'shop'],
      ],
      ';',
    );
    const { mapping } = proposeMapping(f, builtinByName);
    expect(mapping).toMatchObject({ time: { column: 'Datum', format: 'dmy' }, layout: 'long', metricColumn: 'Metric', valueColumn: 'Value', decimal: ',', dimensions: [{ column: 'Channel', name: 'channel' }] });
  });

  it('lays an override over the proposal and checks it against the file and catalog', () => {
    const f = file(['When', 'Sales'], [['01/02/2024', '10'], ['03/04/2024', '12']]);
    const proposal = proposeMapping(f, builtinByName);
    expect(proposal.warnings[0]).toMatch(/month-first or day-first/);
    const ok = resolveMapping(proposal, { time: { format: 'dmy' } }, f, builtinByName);
    expect(ok.mapping?.time).toEqual({ column: 'When', format: 'dmy' });
    const bad = resolveMapping(proposal, { metrics: [{ column: 'Nope', metric: 'revenue' }, { column: 'Sales', metric: 'unknown_metric' }] }, f, builtinByName);
    expect(bad.mapping).toBeNull();
    expect(bad.problems.map((p) => p.path)).toEqual(['mapping.metrics.0.column', 'mapping.metrics.1.metric']);
  });

  it('says what is missing when no column holds dates', () => {
    const f = file(['Store', 'Sales'], [['a', '1']]);
    const { problems } = resolveMapping(proposeMapping(f, builtinByName), undefined, f, builtinByName);
    expect(problems[0]).toEqual({ path: 'mapping.time.column', message: 'no column of dates was found; name the date column' });
  });
});
