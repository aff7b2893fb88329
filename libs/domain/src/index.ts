export * from './identifiers/mpan-core';
export * from './identifiers/mpid';
export * from './identifiers/eui64';
export * from './market/market-role';
