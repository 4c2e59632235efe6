import { createFunction } from '@dyocense/core';
import { registerQstashDelivery } from './routes/qstash';
import { registerRunJob } from './routes/run';

/**
 * Heavy work on behalf of the other functions: POST /api/compute/jobs/run (bearer token,
 * from the http transport) and POST /api/compute/qstash (QStash deliveries, signed).
 * Both are idempotent: a job is applied once however often it is delivered.
 */
const app = createFunction('compute', { bodyLimitBytes: 16 * 1024 });
registerRunJob(app);
registerQstashDelivery(app);

export default app;
