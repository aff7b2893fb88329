import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The checkout (or the image's /app): the nearest folder above this file with a package.json, from source or from dist/. */
export const REPOSITORY_ROOT = nearestPackageRoot(__dirname);

function nearestPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export function kafkaBrokers(): string {
  return process.env.KAFKA_BROKERS ?? `127.0.0.1:${process.env.KAFKA_PORT ?? 9092}`;
}

/** The server's URL with a given database name. */
export function databaseUrl(database: string): string {
  const url = new URL(process.env.DATABASE_URL ?? `postgres://postgres@127.0.0.1:${process.env.PGPORT ?? 5432}/postgres`);
  url.pathname = `/${database}`;
  return url.toString();
}
