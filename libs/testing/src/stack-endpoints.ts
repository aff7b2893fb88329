import { homedir } from 'node:os';

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

/**
 * The local broker's secured listeners (scripts/kafka/kafka.sh): SASL_SSL with SCRAM-SHA-512 on
 * KAFKA_PORT+2 and SSL with client certificates on KAFKA_PORT+3, as the settings a service reads.
 */
export function testKafkaSecuredListeners(): { scramOverTls: Record<string, string>; mutualTls: Record<string, string> } {
  if (process.env.KAFKA_BROKERS) throw new Error('the secured listeners are the local broker’s (scripts/kafka/kafka.sh): unset KAFKA_BROKERS to run this test');
  const port = Number(process.env.KAFKA_PORT ?? 9092);
  const tls = `${process.env.HALFHOUR_CACHE ?? `${homedir()}/.cache/halfhour`}/kafka-run/tls`;
  return {
    scramOverTls: {
      KAFKA_BROKERS: `127.0.0.1:${port + 2}`, KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', KAFKA_TLS_CA_FILE: `${tls}/ca.crt`,
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512', KAFKA_SASL_USERNAME: 'halfhour', KAFKA_SASL_PASSWORD: 'halfhour-local-only',
    },
    mutualTls: {
      KAFKA_BROKERS: `127.0.0.1:${port + 3}`, KAFKA_SECURITY_PROTOCOL: 'SSL', KAFKA_TLS_CA_FILE: `${tls}/ca.crt`,
      KAFKA_TLS_CERT_FILE: `${tls}/client.crt`, KAFKA_TLS_KEY_FILE: `${tls}/client.key`,
    },
  };
}
