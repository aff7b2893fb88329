export * from './registry-view.entity';
export * from './registry-view.ddl';
export * from './registry-view.repository';
export * from './timelines-view.handler';
