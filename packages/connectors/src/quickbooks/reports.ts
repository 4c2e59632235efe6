import { defaultRetryPolicy, jsonOrThrow, requestWithRetry, type RetryPolicy } from '../http';

/** The parts of a QuickBooks Reports API document the mapper reads. */
export interface ReportColumn {
  ColTitle?: string;
  ColType?: string;
  MetaData?: Array<{ Name: string; Value: string }>;
}
export interface ReportRow {
  type?: 'Section' | 'Data';
  group?: string;
  Header?: { ColData: Array<{ value: string }> };
  Rows?: { Row?: ReportRow[] };
  Summary?: { ColData: Array<{ value: string }> };
  ColData?: Array<{ value: string }>;
}
export interface QuickbooksReport {
  Header?: { ReportName?: string; StartPeriod?: string; EndPeriod?: string; Currency?: string };
  Columns?: { Column?: ReportColumn[] };
  Rows?: { Row?: ReportRow[] };
}

export const QUICKBOOKS_MINOR_VERSION = '75';

/**
 * Profit and Loss for a date range with one column per day
 * (`GET /v3/company/{realmId}/reports/ProfitAndLoss?summarize_column_by=Days`).
 */
export async function fetchProfitAndLoss(
  input: { apiBase: string; realmId: string; accessToken: string; startDate: string; endDate: string },
  policy: RetryPolicy = defaultRetryPolicy,
): Promise<{ report: QuickbooksReport; throttledMs: number }> {
  const url = new URL(`${input.apiBase.replace(/\/$/, '')}/v3/company/${encodeURIComponent(input.realmId)}/reports/ProfitAndLoss`);
  url.searchParams.set('start_date', input.startDate);
  url.searchParams.set('end_date', input.endDate);
  url.searchParams.set('summarize_column_by', 'Days');
  url.searchParams.set('minorversion', QUICKBOOKS_MINOR_VERSION);
  let throttledMs = 0;
  const res = await requestWithRetry(
    url.href,
    { headers: { authorization: `Bearer ${input.accessToken}`, accept: 'application/json' } },
    policy,
    { onRetry: ({ waitMs }) => (throttledMs += waitMs) },
  );
  return { report: await jsonOrThrow<QuickbooksReport>(res, 'QuickBooks ProfitAndLoss'), throttledMs };
}
