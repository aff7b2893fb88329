import { IsIn, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { ProductionRequires } from './production-requires.decorator';
import { Sensitive } from './sensitive.decorator';
import { ServiceConfig } from './service-config';

/** Settings every service that talks to Kafka has: where the brokers are, how it connects, its topics' prefix. */
export class KafkaClientConfig extends ServiceConfig {
  /** Comma-separated host:port list. */
  @Matches(/^[^,\s:]+:\d+(,[^,\s:]+:\d+)*$/, { message: 'must be a comma-separated host:port list' })
  KAFKA_BROKERS = '127.0.0.1:9092';

  /** Put before every topic name: lets several environments (or test runs) share one cluster. */
  @Matches(/^([a-z0-9][a-z0-9-]*\.)?$/, { message: 'must be empty or lower-case letters, digits and hyphens ending in a dot, e.g. "staging."' })
  KAFKA_TOPIC_PREFIX = '';

  /**
   * How the service talks to Kafka (libs/kafka kafka-security.ts): PLAINTEXT on a developer's
   * machine; in production encrypted, SASL_SSL (SCRAM) or SSL (mTLS with the cert and key files).
   */
  @IsIn(['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'])
  @ProductionRequires((protocol) => protocol === 'SSL' || protocol === 'SASL_SSL', 'SSL or SASL_SSL (encrypted)')
  KAFKA_SECURITY_PROTOCOL = 'PLAINTEXT';

  /** PEM files from mounted Secrets: the brokers' CA; for mTLS, this service's certificate and key. */
  @IsString()
  KAFKA_TLS_CA_FILE = '';

  @IsString()
  KAFKA_TLS_CERT_FILE = '';

  @IsString()
  KAFKA_TLS_KEY_FILE = '';

  @IsIn(['', 'SCRAM-SHA-512', 'SCRAM-SHA-256', 'PLAIN'])
  KAFKA_SASL_MECHANISM = '';

  @IsString()
  KAFKA_SASL_USERNAME = '';

  @Sensitive() @IsString()
  KAFKA_SASL_PASSWORD = '';

  /** How long the broker waits for a silent consumer before giving its partitions to others. */
  @IsInt() @Min(6000) @Max(300_000)
  KAFKA_SESSION_TIMEOUT_MS = 30_000;

  /**
   * Fault injection for crash tests, never set in production: after this many batches each
   * consumer holds the next one for good, as a hung process would, so a test can kill the process
   * mid-stream for certain. 0: never.
   */
  @IsInt() @Min(0)
  @ProductionRequires((batches) => batches === 0, '0 (fault injection is for tests)')
  FAULT_HOLD_AFTER_BATCHES = 0;
}
