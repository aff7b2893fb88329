import { securityOptions } from './kafka-client';
import { kafkaSecurityFrom } from './kafka-security';

const files: Record<string, string> = { '/tls/ca.crt': 'CA PEM', '/tls/user.crt': 'CERT PEM', '/tls/user.key': 'KEY PEM' };
const readFile = (path: string) => {
  if (!(path in files)) throw new Error('ENOENT');
  return files[path];
};
const securityOf = (settings: Record<string, string>) => kafkaSecurityFrom(settings, readFile);

describe('the Kafka connection’s security, from its settings', () => {
  it('is plaintext when nothing is set', () => {
    expect(securityOf({})).toEqual({ protocol: 'PLAINTEXT' });
    expect(securityOptions(securityOf({}))).toEqual({});
  });

  it('is TLS with SCRAM over it: the CA from its file, the password as given', () => {
    const security = securityOf({
      KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', KAFKA_TLS_CA_FILE: '/tls/ca.crt', KAFKA_SASL_USERNAME: 'halfhour-scheduler', KAFKA_SASL_PASSWORD: 'secret',
    });
    expect(security).toEqual({ protocol: 'SASL_SSL', tls: { ca: 'CA PEM' }, sasl: { mechanism: 'SCRAM-SHA-512', username: 'halfhour-scheduler', password: 'secret' } });
    expect(securityOptions(security)).toEqual({ ssl: { ca: ['CA PEM'] }, sasl: { mechanism: 'scram-sha-512', username: 'halfhour-scheduler', password: 'secret' } });
  });

  it('is mTLS: this client’s certificate and key with the CA; or TLS on the system’s CAs when none is named', () => {
    const security = securityOf({ KAFKA_SECURITY_PROTOCOL: 'SSL', KAFKA_TLS_CA_FILE: '/tls/ca.crt', KAFKA_TLS_CERT_FILE: '/tls/user.crt', KAFKA_TLS_KEY_FILE: '/tls/user.key' });
    expect(securityOptions(security)).toEqual({ ssl: { ca: ['CA PEM'], cert: 'CERT PEM', key: 'KEY PEM' } });
    expect(securityOptions(securityOf({ KAFKA_SECURITY_PROTOCOL: 'SSL' }))).toEqual({ ssl: true });
  });

  it.each([
    [{ KAFKA_SECURITY_PROTOCOL: 'TLS' }, /KAFKA_SECURITY_PROTOCOL="TLS": must be one of/],
    [{ KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', KAFKA_SASL_USERNAME: 'u' }, /KAFKA_SASL_PASSWORD must be set/],
    [{ KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', KAFKA_SASL_PASSWORD: 'p' }, /KAFKA_SASL_USERNAME must be set/],
    [{ KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', KAFKA_SASL_MECHANISM: 'GSSAPI', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }, /KAFKA_SASL_MECHANISM="GSSAPI"/],
    [{ KAFKA_SECURITY_PROTOCOL: 'SSL', KAFKA_TLS_CERT_FILE: '/tls/user.crt' }, /KAFKA_TLS_CERT_FILE and KAFKA_TLS_KEY_FILE go together/],
    [{ KAFKA_SECURITY_PROTOCOL: 'SSL', KAFKA_TLS_CA_FILE: '/tls/missing.crt' }, /KAFKA_TLS_CA_FILE="\/tls\/missing.crt": cannot be read/],
    [{ KAFKA_TLS_CA_FILE: '/tls/ca.crt' }, /KAFKA_TLS_CA_FILE is set but KAFKA_SECURITY_PROTOCOL=PLAINTEXT does not use TLS/],
    [{ KAFKA_SECURITY_PROTOCOL: 'SSL', KAFKA_SASL_USERNAME: 'u' }, /KAFKA_SASL_USERNAME is set but KAFKA_SECURITY_PROTOCOL=SSL does not use SASL/],
  ])('refuses %j, naming the setting', (settings, refusal) => {
    expect(() => securityOf(settings)).toThrow(refusal);
  });
});
