import { join } from 'node:path';

export const REPOSITORY_ROOT = join(__dirname, '..', '..', '..', '..');

export function kafkaBrokers(): string {
  return process.env.KAFKA_BROKERS ?? `127.0.0.1:${process.env.KAFKA_PORT ?? 9092}`;
}

/** The server's URL with a given database name. */
export function databaseUrl(database: string): string {
  const url = new URL(process.env.DATABASE_URL ?? `postgres://postgres@127.0.0.1:${process.env.PGPORT ?? 5432}/postgres`);
  url.pathname = `/${database}`;
  return url.toString();
}

export function replicationFactor(): number {
  return Number(process.env.KAFKA_REPLICATION_FACTOR ?? 1);
}
