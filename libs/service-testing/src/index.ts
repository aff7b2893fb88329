export * from './service-test-bed';
export * from './migration-round-trip';
export * from './provider-simulator';
