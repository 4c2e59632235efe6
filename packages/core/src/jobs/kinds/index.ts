import { createRegistry } from '../registry';
import { diagnosticJobs } from './diagnostics';

/**
 * Every job kind the compute side can run, one module per area. The worker threads and
 * functions/compute load this registry; a kind's `compute` is pure (it calls an engine
 * package), its `apply` writes the result in the job's completing transaction.
 */
export const jobKinds = createRegistry([...diagnosticJobs]);
