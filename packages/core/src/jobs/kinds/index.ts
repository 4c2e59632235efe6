import { createRegistry } from '../registry';
import { connectJobs } from './connect';
import { diagnosticJobs } from './diagnostics';
import { evidenceJobs } from './evidence';
import { forecastJobs } from './forecast';
import { optimizeJobs } from './optimize';

/**
 * Every job kind the compute side can run, one module per area. The worker threads and
 * functions/compute load this registry; a kind's `compute` is pure (it calls an engine
 * package), its `apply` writes the result in the job's completing transaction.
 */
export const jobKinds = createRegistry([...diagnosticJobs, ...forecastJobs, ...optimizeJobs, ...evidenceJobs, ...connectJobs]);

export { latestForecast, type LatestForecast } from './forecast';
export { applyShopifyLedger, erasePoints, lockTenantMetrics } from './connect-apply';
