import { createFunction } from '@dyocense/core';
import { registerCatalogDefine } from './routes/catalog-define';
import { registerCatalogList } from './routes/catalog-list';
import { registerPointsIngest } from './routes/points-ingest';
import { registerQuery } from './routes/query';

/** The product's memory: metric catalog, ingest, queries with comparisons: /api/metrics/… */
const app = createFunction('metrics', { bodyLimitBytes: 4 * 1024 * 1024 });
registerCatalogList(app);
registerCatalogDefine(app);
registerPointsIngest(app);
registerQuery(app);

export default app;
