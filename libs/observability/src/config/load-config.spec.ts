import { IsInt, Min } from 'class-validator';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, describeConfig, loadConfig } from './load-config';
import { DatabaseServiceConfig } from './database-service-config';
import { KafkaClientConfig } from './kafka-client-config';

class WorkerConfig extends KafkaClientConfig {
  @IsInt() @Min(1)
  WORKER_CONCURRENCY = 4;
}

const development = { NODE_ENV: 'development' };

function secretFile(value: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'load-config-')), 'value');
  writeFileSync(file, `${value}\n`);
  return file;
}

describe('loadConfig', () => {
  it('uses defaults and converts supplied values to their types', () => {
    const config = loadConfig(WorkerConfig, { ...development, WORKER_CONCURRENCY: '8', HTTP_PORT: '8081' });
    expect(config.WORKER_CONCURRENCY).toBe(8);
    expect(config.HTTP_PORT).toBe(8081);
    expect(config.KAFKA_BROKERS).toBe('127.0.0.1:9092');
    // Loopback unless told otherwise (the image says 0.0.0.0): a developer's audit trail is not on the LAN.
    expect(config.HTTP_HOST).toBe('127.0.0.1');
    expect(loadConfig(WorkerConfig, { ...development, HTTP_HOST: '0.0.0.0' }).HTTP_HOST).toBe('0.0.0.0');
    expect(() => loadConfig(WorkerConfig, { ...development, HTTP_HOST: 'everywhere' })).toThrow(/HTTP_HOST="everywhere"/);
  });

  it('refuses bad values and names each bad variable', () => {
    const attempt = () => loadConfig(WorkerConfig, { WORKER_CONCURRENCY: '0', KAFKA_BROKERS: 'nowhere' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/^WORKER_CONCURRENCY=0: WORKER_CONCURRENCY must not be less than 1/m);
      expect(problems).toMatch(/^KAFKA_BROKERS="nowhere": must be a comma-separated host:port list/m);
    }
  });

  it('refuses a simulated clock or fault injection in production, and allows them elsewhere', () => {
    const simulation = { CLOCK_MODE: 'stepped', CLOCK_SIMULATED_ORIGIN: '2026-12-01T00:00:00Z', FAULT_HOLD_AFTER_BATCHES: '3' };
    expect(loadConfig(WorkerConfig, { ...simulation, NODE_ENV: 'test' }).CLOCK_MODE).toBe('stepped');
    const production = { NODE_ENV: 'production', OPERATOR_TOKENS_DIR: '/var/run/halfhour/operator-tokens', KAFKA_SECURITY_PROTOCOL: 'SSL', DATABASE_URL_FILE: secretFile('postgres://db.internal/halfhour?sslmode=verify-full') };
    expect(() => loadConfig(WorkerConfig, { ...simulation, ...production })).toThrow(
      /CLOCK_MODE="stepped": must be "system" \(the real clock\) in production.*FAULT_HOLD_AFTER_BATCHES=3: must be 0/,
    );
    expect(() => loadConfig(WorkerConfig, { NODE_ENV: 'production' })).toThrow(/OPERATOR_TOKENS_DIR="": must be set \(one Secret per client, mounted as files\) in production/);
    // Production is what a service is unless development is asked for: started by hand, it is never left open.
    expect(() => loadConfig(WorkerConfig, {})).toThrow(/OPERATOR_TOKENS_DIR="": must be set.*KAFKA_SECURITY_PROTOCOL="PLAINTEXT": must be SSL or SASL_SSL/);
    // Secrets are files in production, never environment variables; PostgreSQL only over verified TLS.
    expect(() => loadConfig(WorkerConfig, { ...production, OPERATOR_API_TOKENS: 'a'.repeat(32) })).toThrow(/OPERATOR_API_TOKENS=\(hidden\): must be empty \(tokens come from OPERATOR_TOKENS_DIR files\) in production/);
    const withDatabase = { ...production, MIGRATE_ON_START: 'false' };
    expect(loadConfig(DatabaseServiceConfig, withDatabase).DATABASE_URL).toContain('verify-full');
    expect(() => loadConfig(DatabaseServiceConfig, { ...withDatabase, DATABASE_URL_FILE: secretFile('postgres://db.internal/halfhour?sslmode=require') })).toThrow(/DATABASE_URL=\(hidden\): must be a URL with sslmode=verify-full/);
    // A secret in the environment is refused in production, whatever its value; from a file it is read, its line break dropped.
    expect(() => loadConfig(DatabaseServiceConfig, { ...withDatabase, DATABASE_URL_FILE: '', DATABASE_URL: 'postgres://db.internal/halfhour?sslmode=verify-full' })).toThrow(/DATABASE_URL=\(hidden\): must come from a file in production \(DATABASE_URL_FILE/);
    expect(() => loadConfig(DatabaseServiceConfig, { ...withDatabase, DATABASE_URL_FILE: '/nowhere/url' })).toThrow(/DATABASE_URL_FILE="\/nowhere\/url": cannot be read \(ENOENT\)/);
    expect(loadConfig(DatabaseServiceConfig, { ...development, DATABASE_URL: 'postgres://local/x' }).DATABASE_URL).toBe('postgres://local/x');
    expect(() => loadConfig(WorkerConfig, { ...development, OPERATOR_API_TOKENS: 'too-short' })).toThrow(/OPERATOR_API_TOKENS=\(hidden\): must be empty or comma-separated tokens of at least 32/);
    expect(() => loadConfig(WorkerConfig, { ...production, KAFKA_SECURITY_PROTOCOL: 'PLAINTEXT' })).toThrow(/KAFKA_SECURITY_PROTOCOL="PLAINTEXT": must be SSL or SASL_SSL \(encrypted\) in production/);
    expect(loadConfig(WorkerConfig, production).NODE_ENV).toBe('production');
    expect(() => loadConfig(WorkerConfig, { NODE_ENV: 'staging' })).toThrow(/NODE_ENV="staging"/);
    // A migration Job serves nothing: the serving rules do not apply, every other rule does.
    expect(loadConfig(WorkerConfig, { NODE_ENV: 'production' }, { forMigration: true }).NODE_ENV).toBe('production');
    expect(() => loadConfig(WorkerConfig, { NODE_ENV: 'production', KAFKA_BROKERS: 'nowhere' }, { forMigration: true })).toThrow(/^invalid configuration: KAFKA_BROKERS="nowhere": must be a comma-separated host:port list$/);
  });

  it('never shows a sensitive value, in errors or in the boot description', () => {
    const secretUrl = 'mysql://admin:s3cret@db/x';
    try {
      loadConfig(WorkerConfig, { ...development, DATABASE_URL: secretUrl });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect((error as ConfigError).message).toContain('DATABASE_URL=(hidden)');
      expect((error as ConfigError).message).not.toContain('s3cret');
    }
    const described = describeConfig(loadConfig(WorkerConfig, { ...development, DATABASE_URL: 'postgres://a:s3cret@db/x' }));
    expect(described.DATABASE_URL).toBe('***');
    expect(described.WORKER_CONCURRENCY).toBe(4);
  });
});
