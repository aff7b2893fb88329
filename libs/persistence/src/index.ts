export * from './data-source.factory';
export * from './migration-runner';
export * from './inbox/inbox-message.entity';
export * from './inbox/claim-new-messages';
export * from './persistence-schema';
export * from './postgres-readiness.probe';
export * from './nest/persistence.module';
export * from './transient-database-error';
