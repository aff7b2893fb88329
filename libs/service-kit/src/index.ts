export * from './service-infrastructure';
export * from './migrate-and-exit';
export * from './http/json-over-http';
export * from './outbox/message-outbox';
export * from './outbox/outbox-schema';
export * from './config/mhhs-policy-config';
export * from './retention/retention-task';
