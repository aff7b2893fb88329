export * from './service-test-bed';
export * from './migration-round-trip';
