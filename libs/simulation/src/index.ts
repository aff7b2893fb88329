export * from './synthetic-meter';
export * from './population/seeded-random';
export * from './population/population';
export * from './provider-load';
export * from './population/week-population';
