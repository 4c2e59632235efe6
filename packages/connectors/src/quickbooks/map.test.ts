import { describe, expect, it } from 'vitest';
import { profitAndLossDaily } from './map';
import type { QuickbooksReport } from './reports';

const day = (d: string, title: string) => ({ ColTitle: title, ColType: 'Money', MetaData: [{ Name: 'StartDate', Value: d }, { Name: 'EndDate', Value: d }, { Name: 'ColKey', Value: title }] });

/** The shape QuickBooks returns for ProfitAndLoss?summarize_column_by=Days. */
const report: QuickbooksReport = {
  Header: { ReportName: 'ProfitAndLoss', StartPeriod: '2025-01-01', EndPeriod: '2025-01-02', Currency: 'USD' },
  Columns: { Column: [{ ColTitle: '', ColType: 'Account', MetaData: [{ Name: 'ColKey', Value: 'account' }] }, day('2025-01-01', 'Jan 1, 2025'), day('2025-01-02', 'Jan 2, 2025'), { ColTitle: 'Total', ColType: 'Money', MetaData: [{ Name: 'ColKey', Value: 'total' }] }] },
  Rows: {
    Row: [
      { type: 'Section', group: 'Income', Header: { ColData: [{ value: 'Income' }] }, Summary: { ColData: [{ value: 'Total Income' }, { value: '1200.50' }, { value: '' }, { value: '1200.50' }] } },
      { type: 'Section', group: 'COGS', Summary: { ColData: [{ value: 'Total Cost of Goods Sold' }, { value: '400.00' }, { value: '0.00' }, { value: '400.00' }] } },
      { type: 'Section', group: 'GrossProfit', Summary: { ColData: [{ value: 'Gross Profit' }, { value: '800.50' }, { value: '0.00' }, { value: '800.50' }] } },
      { type: 'Section', group: 'Expenses', Summary: { ColData: [{ value: 'Total Expenses' }, { value: '150.25' }, { value: '75.00' }, { value: '225.25' }] } },
    ],
  },
};

describe('ProfitAndLoss by day', () => {
  it('maps section totals per day column and skips the Total column', () => {
    expect(profitAndLossDaily(report)).toEqual([
      { metric: 'revenue', day: '2025-01-01', value: 1200.5 },
      { metric: 'revenue', day: '2025-01-02', value: 0 },
      { metric: 'cost_of_goods', day: '2025-01-01', value: 400 },
      { metric: 'cost_of_goods', day: '2025-01-02', value: 0 },
      { metric: 'expenses', day: '2025-01-01', value: 150.25 },
      { metric: 'expenses', day: '2025-01-02', value: 75 },
    ]);
  });

  it('reports zeros for sections a quiet period does not have', () => {
    const quiet: QuickbooksReport = { Columns: report.Columns, Rows: { Row: [] } };
    expect(profitAndLossDaily(quiet).every((v) => v.value === 0)).toBe(true);
    expect(profitAndLossDaily(quiet)).toHaveLength(6);
  });
});
