/** Where the integration tests find the broker and the database server. */
export function testBrokers(): string[] {
  return (process.env.KAFKA_BROKERS ?? `127.0.0.1:${process.env.KAFKA_PORT ?? 9092}`).split(',');
}

/** A URL for the server's maintenance database; tests create their own databases beside it. */
export function adminDatabaseUrl(): string {
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = '/postgres';
    return url.toString();
  }
  return `postgres://postgres@127.0.0.1:${process.env.PGPORT ?? 5432}/postgres`;
}
