export * from './synthetic-meter';
