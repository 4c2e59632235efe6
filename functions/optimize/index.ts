import { createFunction } from '@dyocense/core';
import { registerConstraints } from './routes/constraints';
import { registerRunDetail } from './routes/run-detail';
import { registerRunsList } from './routes/runs-list';
import { registerSolve } from './routes/solve';

/**
 * Optimization: inventory, staffing, budget and pricing plans solved on the worker pool, stored as
 * runs, with inputs filled from the tenant's saved settings and own data: /api/optimize/…
 * A 2,000-SKU request with forecasts runs to a few MB, hence the larger body limit.
 */
const app = createFunction('optimize', { bodyLimitBytes: 8 * 1024 * 1024 });
registerSolve(app);
registerRunsList(app);
registerRunDetail(app);
registerConstraints(app);

export default app;
