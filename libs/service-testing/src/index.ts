export * from './service-test-bed';
export * from './migration-round-trip';
export * from './provider-simulator';
export * from './adapter-test-bed';
