export * from './service-infrastructure';
export * from './migrate-and-exit';
