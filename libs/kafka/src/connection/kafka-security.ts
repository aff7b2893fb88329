import { readFileSync } from 'node:fs';

/** How a client talks to the brokers, by the names Kafka's own clients use. */
export const KAFKA_SECURITY_PROTOCOLS = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'] as const;
export type KafkaSecurityProtocol = (typeof KAFKA_SECURITY_PROTOCOLS)[number];

export const KAFKA_SASL_MECHANISMS = ['SCRAM-SHA-512', 'SCRAM-SHA-256', 'PLAIN'] as const;
export type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];

/** The settings, as every service and the CLI read them from their environment (files from mounted Secrets). */
export interface KafkaSecuritySettings {
  KAFKA_SECURITY_PROTOCOL?: string;
  /** PEM of the CA the brokers' certificates chain to (e.g. Strimzi's `<cluster>-cluster-ca-cert`); unset: the system's CAs. */
  KAFKA_TLS_CA_FILE?: string;
  /** mTLS: this client's certificate and key, PEM (e.g. a Strimzi `KafkaUser` with `authentication: tls`). */
  KAFKA_TLS_CERT_FILE?: string;
  KAFKA_TLS_KEY_FILE?: string;
  KAFKA_SASL_MECHANISM?: string;
  KAFKA_SASL_USERNAME?: string;
  KAFKA_SASL_PASSWORD?: string;
}

/** How to connect: TLS (with its CA and, for mTLS, this client's pair) and SASL credentials, each when the protocol asks for it. */
export interface KafkaSecurity {
  protocol: KafkaSecurityProtocol;
  tls?: { ca?: string; cert?: string; key?: string };
  sasl?: { mechanism: KafkaSaslMechanism; username: string; password: string };
}

export const PLAINTEXT: KafkaSecurity = { protocol: 'PLAINTEXT' };

/** A Kafka security setting is missing or wrong; the message names it. */
export class KafkaSecurityError extends Error {
  override name = 'KafkaSecurityError';
}

/**
 * Reads the connection's security from its settings, with the files they name; throws naming the
 * first setting that is missing, contradictory or unreadable. PLAINTEXT when nothing is set.
 */
export function kafkaSecurityFrom(settings: KafkaSecuritySettings, readFile: (path: string) => string = (path) => readFileSync(path, 'utf8')): KafkaSecurity {
  const protocol = (settings.KAFKA_SECURITY_PROTOCOL || 'PLAINTEXT') as KafkaSecurityProtocol;
  if (!KAFKA_SECURITY_PROTOCOLS.includes(protocol)) throw new KafkaSecurityError(`KAFKA_SECURITY_PROTOCOL="${protocol}": must be one of ${KAFKA_SECURITY_PROTOCOLS.join(', ')}`);
  const usesTls = protocol === 'SSL' || protocol === 'SASL_SSL';
  const usesSasl = protocol.startsWith('SASL_');
  const file = (name: 'KAFKA_TLS_CA_FILE' | 'KAFKA_TLS_CERT_FILE' | 'KAFKA_TLS_KEY_FILE') => {
    const path = settings[name];
    if (!path) return undefined;
    if (!usesTls) throw new KafkaSecurityError(`${name} is set but KAFKA_SECURITY_PROTOCOL=${protocol} does not use TLS`);
    try {
      return readFile(path);
    } catch (error) {
      throw new KafkaSecurityError(`${name}="${path}": cannot be read (${(error as Error).message})`);
    }
  };
  const [ca, cert, key] = [file('KAFKA_TLS_CA_FILE'), file('KAFKA_TLS_CERT_FILE'), file('KAFKA_TLS_KEY_FILE')];
  if (Boolean(cert) !== Boolean(key)) throw new KafkaSecurityError('KAFKA_TLS_CERT_FILE and KAFKA_TLS_KEY_FILE go together (mTLS): set both or neither');
  const security: KafkaSecurity = { protocol, ...(usesTls ? { tls: { ...(ca ? { ca } : {}), ...(cert && key ? { cert, key } : {}) } } : {}) };
  if (!usesSasl) {
    const stray = (['KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const).find((name) => settings[name]);
    if (stray) throw new KafkaSecurityError(`${stray} is set but KAFKA_SECURITY_PROTOCOL=${protocol} does not use SASL`);
    return security;
  }
  const mechanism = (settings.KAFKA_SASL_MECHANISM || 'SCRAM-SHA-512') as KafkaSaslMechanism;
  if (!KAFKA_SASL_MECHANISMS.includes(mechanism)) throw new KafkaSecurityError(`KAFKA_SASL_MECHANISM="${mechanism}": must be one of ${KAFKA_SASL_MECHANISMS.join(', ')}`);
  for (const name of ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const) {
    if (!settings[name]) throw new KafkaSecurityError(`${name} must be set with KAFKA_SECURITY_PROTOCOL=${protocol}`);
  }
  return { ...security, sasl: { mechanism, username: settings.KAFKA_SASL_USERNAME!, password: settings.KAFKA_SASL_PASSWORD! } };
}
