import { createFunction } from '@dyocense/core';
import { registerAnomalies } from './routes/anomalies';
import { registerCreate } from './routes/create';
import { registerDetail } from './routes/detail';
import { registerLatest } from './routes/latest';
import { registerList } from './routes/list';
import { registerSeries } from './routes/series';

/** Forecasts with calibrated intervals and their own backtests, and anomalies: /api/forecast/… */
const app = createFunction('forecast', { bodyLimitBytes: 1024 * 1024 });
// Fixed paths before /{id}.
registerLatest(app);
registerAnomalies(app);
registerSeries(app);
registerList(app);
registerCreate(app);
registerDetail(app);

export default app;
