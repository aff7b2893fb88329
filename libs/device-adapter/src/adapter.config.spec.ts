import { secretFile } from '@halfhour/testing';
import { loadConfig } from '@halfhour/observability';
import { AdapterConfig } from './adapter.config';

const production = { NODE_ENV: 'production', OPERATOR_TOKENS_DIR: '/var/run/halfhour/operator-tokens', DATABASE_URL_FILE: secretFile('postgres://db.internal/halfhour?sslmode=verify-full'), KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', MIGRATE_ON_START: 'false' };

describe('the adapters’ provider endpoints', () => {
  it('call the provider SIMULATOR by default, in development', () => {
    expect(loadConfig(AdapterConfig, { NODE_ENV: 'development' }).urlOf('CSP-NORTH')).toBe('http://127.0.0.1:8090');
  });

  it('refuse to start in production without the providers’ real endpoints, naming the setting', () => {
    for (const urls of [undefined, '*=https://smets2.dcc.invalid', 'CSP-NORTH=https://csp-north.dcc.example,*=http://127.0.0.1:8090']) {
      expect(() => loadConfig(AdapterConfig, { ...production, ...(urls ? { PROVIDER_URLS: urls } : {}) })).toThrow(/PROVIDER_URLS=.*must be a real https:\/\/ endpoint/);
    }
  });

  it('start in production with an https endpoint for every provider', () => {
    const config = loadConfig(AdapterConfig, { ...production, PROVIDER_URLS: 'CSP-NORTH=https://csp-north.dcc.example,*=https://providers.dcc.example' });
    expect([config.urlOf('CSP-NORTH'), config.urlOf('S1SP-A')]).toEqual(['https://csp-north.dcc.example', 'https://providers.dcc.example']);
  });
});
