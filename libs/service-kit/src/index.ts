export * from './service-infrastructure';
export * from './migrate-and-exit';
export * from './http/json-over-http';
