export * from './css-feed';
export * from './dcc-users';
