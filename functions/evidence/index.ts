import { createFunction } from '@dyocense/core';
import { registerEffect } from './routes/effect';
import { registerEstimates } from './routes/estimates';
import { registerExplain } from './routes/explain';
import { registerGraph } from './routes/graph';
import { registerJobs } from './routes/jobs';
import { registerSimulate } from './routes/simulate';

/** Evidence: why a metric changed, what an action did, what follows from what: /api/evidence/… */
const app = createFunction('evidence');
registerExplain(app);
registerEffect(app);
registerGraph(app);
registerSimulate(app);
registerEstimates(app);
registerJobs(app);

export default app;
