import { createPublicKey } from 'node:crypto';

/**
 * Whether a PEM is the one kind of key a DCC user signs with: an SPKI public key for ECDSA on
 * P-256 (prime256v1). Any other type or curve (RSA of any size, secp256k1, Ed25519) is refused,
 * so the strength of a signature never depends on what a user record happens to carry.
 */
export function isP256PublicKeyPem(pem: unknown): boolean {
  if (typeof pem !== 'string' || !pem.startsWith('-----BEGIN PUBLIC KEY-----')) return false;
  try {
    const key = createPublicKey({ key: pem, format: 'pem' });
    return key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1';
  } catch {
    return false;
  }
}
