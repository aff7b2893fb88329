import { Client } from 'pg';

/** Runs `query` against each of a run's databases on a connection of its own, and gathers what each gives. */
export async function inEachDatabase<T>(databaseUrls: Record<string, string>, query: (client: Client, database: string) => Promise<T[]>): Promise<T[]> {
  const all: T[] = [];
  for (const [database, url] of Object.entries(databaseUrls)) {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      all.push(...(await query(client, database)));
    } finally {
      await client.end();
    }
  }
  return all;
}
