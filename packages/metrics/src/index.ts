export { builtinMetrics, builtinByName, type MetricDefinition } from './catalog';
export { dimensionsKey, DIMENSION_NAME } from './dimensions';
export { bucketStart, bucketStarts, nextBucket, comparisonShift } from './buckets';
export { loadCatalog, defineMetric } from './store/catalog';
export { checkPoints, type PointInput, type CleanPoint } from './store/points';
export { ensurePartitions, writePoints, ingestChecked, type IngestResult } from './store/ingest';
export { refreshRollups } from './store/rollups';
export { queryMetric, dailyHistory, MAX_BUCKETS, type MetricQuery, type QueryResult, type QueryAggregation, type Series, type SeriesPoint } from './store/query';
