import { createHash, createSign, createVerify, KeyObject, X509Certificate } from 'node:crypto';

/**
 * DIP message signing (R-DIP-1): `X-DIP-Content-Hash` is the base64 SHA-256 of the body bytes;
 * `X-DIP-Signature` is the base64 signature, with the sender's key, of the text
 * `<X-DIP-Signature-Date>\n<X-DIP-Content-Hash>`; `X-DIP-Signature-Certificate` carries the
 * sender's certificate (PEM, base64) whose public key verifies it. SHA-256 with the key's
 * algorithm (ECDSA or RSA), by node:crypto.
 */
export type DipSignatureHeaders = {
  'X-DIP-Signature-Date': string;
  'X-DIP-Content-Hash': string;
  'X-DIP-Signature-Certificate': string;
  'X-DIP-Signature': string;
};

export function contentHashOf(body: string | Buffer): string {
  return createHash('sha256').update(body).digest('base64');
}

export function signDipMessage(body: string, signedAt: Date, certificatePem: string, privateKey: KeyObject | string): DipSignatureHeaders {
  const date = signedAt.toISOString();
  const hash = contentHashOf(body);
  return {
    'X-DIP-Signature-Date': date,
    'X-DIP-Content-Hash': hash,
    'X-DIP-Signature-Certificate': Buffer.from(certificatePem).toString('base64'),
    'X-DIP-Signature': createSign('SHA256').update(`${date}\n${hash}`).sign(privateKey, 'base64'),
  };
}

export type SignatureProblem = 'MISSING_HEADER' | 'CONTENT_HASH_MISMATCH' | 'BAD_CERTIFICATE' | 'BAD_SIGNATURE';

/** What is wrong with a signed message, or undefined if nothing. */
export function findDipSignatureProblem(body: Buffer, headers: Partial<Record<keyof DipSignatureHeaders, string>>): SignatureProblem | undefined {
  const date = headers['X-DIP-Signature-Date'];
  const hash = headers['X-DIP-Content-Hash'];
  const certificate = headers['X-DIP-Signature-Certificate'];
  const signature = headers['X-DIP-Signature'];
  if (!date || !hash || !certificate || !signature) return 'MISSING_HEADER';
  if (contentHashOf(body) !== hash) return 'CONTENT_HASH_MISMATCH';
  const publicKey = publicKeyOf(certificate);
  if (!publicKey) return 'BAD_CERTIFICATE';
  try {
    return createVerify('SHA256').update(`${date}\n${hash}`).verify(publicKey, signature, 'base64') ? undefined : 'BAD_SIGNATURE';
  } catch {
    return 'BAD_SIGNATURE';
  }
}

/** A sender signs every call with the same certificate or two: parse each once (a bounded cache). */
const publicKeys = new Map<string, KeyObject | undefined>();

function publicKeyOf(certificate: string): KeyObject | undefined {
  if (!publicKeys.has(certificate)) {
    if (publicKeys.size >= 64) publicKeys.delete(publicKeys.keys().next().value!);
    let key: KeyObject | undefined;
    try {
      key = new X509Certificate(Buffer.from(certificate, 'base64')).publicKey;
    } catch {
      key = undefined;
    }
    publicKeys.set(certificate, key);
  }
  return publicKeys.get(certificate);
}
