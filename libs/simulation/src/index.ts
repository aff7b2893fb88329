export * from './synthetic-meter';
export * from './population/seeded-random';
export * from './population/population';
export * from './population/hostile-requests';
export * from './provider-load';
export * from './population/week-population';
