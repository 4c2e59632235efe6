export * from './identity';
export * from './platform';
export * from './metrics';
export * from './goals';
