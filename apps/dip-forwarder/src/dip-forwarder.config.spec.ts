import { secretFile } from '@halfhour/testing';
import { ConfigError, loadConfig } from '@halfhour/observability';
import { DipForwarderConfig } from './dip-forwarder.config';

describe('dip-forwarder configuration', () => {
  it('runs in development on a plain-http simulator with a throwaway key', () => {
    expect(loadConfig(DipForwarderConfig, { NODE_ENV: 'development' }).DIP_URL).toBe('http://127.0.0.1:8091');
  });

  it('refuses to start in production without the signing pair or on a plain-http DIP', () => {
    try {
      loadConfig(DipForwarderConfig, { NODE_ENV: 'production', OPERATOR_TOKENS_DIR: '/var/run/halfhour/operator-tokens', DATABASE_URL_FILE: secretFile('postgres://db.internal/halfhour?sslmode=verify-full'), KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', MIGRATE_ON_START: 'false', DIP_URL: 'http://dip.example' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        'DIP_URL="http://dip.example": must be a real https:// endpoint (not loopback, not a .invalid placeholder) in production (NODE_ENV=production)',
        'DIP_CERTIFICATE_FILE="": must be set (the pair registered with Elexon) in production (NODE_ENV=production)',
        'DIP_PRIVATE_KEY_FILE="": must be set (the pair registered with Elexon) in production (NODE_ENV=production)',
      ]);
    }
    const production = { NODE_ENV: 'production', OPERATOR_TOKENS_DIR: '/var/run/halfhour/operator-tokens', DATABASE_URL_FILE: secretFile('postgres://db.internal/halfhour?sslmode=verify-full'), KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', MIGRATE_ON_START: 'false', DIP_URL: 'https://dip.example', DIP_CERTIFICATE_FILE: '/etc/dip/tls.crt', DIP_PRIVATE_KEY_FILE: '/etc/dip/tls.key' };
    expect(loadConfig(DipForwarderConfig, production).DIP_URL).toBe('https://dip.example');
  });
});
