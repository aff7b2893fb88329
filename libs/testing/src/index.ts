export * from './stack-endpoints';
export * from './unique-name';
export * from './test-database';
export * from './eventually';
export * from './test-kafka';
export * from './service-under-test';
export * from './free-port';
export * from './process-progress';
