import { generateKeyPairSync } from 'node:crypto';
import { isP256PublicKeyPem } from './user-key-type';

const spki = (pair: { publicKey: { export(options: { type: 'spki'; format: 'pem' }): string | Buffer } }) => pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();

describe('the key types a DCC user may sign with', () => {
  it('accepts an ECDSA P-256 SPKI public key', () => {
    expect(isP256PublicKeyPem(spki(generateKeyPairSync('ec', { namedCurve: 'P-256' })))).toBe(true);
  });

  it('refuses every other type and curve, a private key and what is not a key', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(isP256PublicKeyPem(spki(rsa))).toBe(false);
    expect(isP256PublicKeyPem(spki(generateKeyPairSync('ec', { namedCurve: 'secp256k1' })))).toBe(false);
    expect(isP256PublicKeyPem(spki(generateKeyPairSync('ec', { namedCurve: 'P-384' })))).toBe(false);
    expect(isP256PublicKeyPem(spki(generateKeyPairSync('ed25519')))).toBe(false);
    const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(isP256PublicKeyPem(p256.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString())).toBe(false);
    expect(isP256PublicKeyPem('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n')).toBe(false);
    expect(isP256PublicKeyPem(42)).toBe(false);
  });
});
