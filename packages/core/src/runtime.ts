import type { Config } from './config';
import type { Database } from './db/types';
import type { JobRunner } from './jobs/execute';
import type { JobDispatcher } from './jobs/types';
import type { Logger } from './log';

/** What every function needs at run time, built once by the host (Node server or Worker). */
export interface Runtime {
  config: Config;
  db: Database;
  jobs: JobDispatcher;
  log: Logger;
  /** Where this process computes jobs it is asked to run (worker threads on Node). */
  jobRunner?: JobRunner;
}
