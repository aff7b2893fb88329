import { Client } from 'pg';
import { adminDatabaseUrl } from './stack-endpoints';
import { uniqueName } from './unique-name';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
  /** An outage as a service sees a restarting server: new connections refused, open ones cut. Answers how many were cut. */
  cutOff(): Promise<number>;
  /** Takes connections again after `cutOff`. */
  restore(): Promise<void>;
}

async function withAdminClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminDatabaseUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database of the test's own; drop() removes it even if connections remain. */
export async function createTestDatabase(prefix = 'hh_test'): Promise<TestDatabase> {
  const name = uniqueName(prefix).replace(/-/g, '_');
  await withAdminClient((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminDatabaseUrl());
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
    cutOff: () => withAdminClient(async (client) => {
      await client.query(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS false`);
      const { rows } = await client.query<{ cut: boolean }>('SELECT pg_terminate_backend(pid) AS cut FROM pg_stat_activity WHERE datname = $1', [name]);
      return rows.filter((row) => row.cut).length;
    }),
    restore: () => withAdminClient((client) => client.query(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS true`)).then(() => undefined),
  };
}
