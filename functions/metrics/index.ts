import { createFunction } from '@dyocense/core';
import { registerCatalogDefine } from './routes/catalog-define';
import { registerCatalogList } from './routes/catalog-list';
import { registerDashboards } from './routes/dashboards';
import { registerExport } from './routes/export';
import { registerPointsIngest } from './routes/points-ingest';
import { registerQuery } from './routes/query';
import { registerSavedQueries } from './routes/saved-queries';

/** The product's memory: catalog, ingest, queries with comparisons, exports, saved queries and dashboards: /api/metrics/… */
const app = createFunction('metrics', { bodyLimitBytes: 4 * 1024 * 1024 });
registerCatalogList(app);
registerCatalogDefine(app);
registerPointsIngest(app);
registerQuery(app);
registerExport(app);
registerSavedQueries(app);
registerDashboards(app);

export default app;
