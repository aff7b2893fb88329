import { createSign, createVerify, KeyObject } from 'node:crypto';

/**
 * Signed requests (R-ACL-7). Real DUIS signs XML with XML-DSig; our JSON form signs a canonical
 * text instead: the request without its `signature` field, as JSON with object keys sorted at
 * every level and no whitespace (arrays keep their order), UTF-8 encoded. The signature is ECDSA
 * over P-256 with SHA-256, DER-encoded, in base64 — what node:crypto and OpenSSL produce by default.
 */
export function canonicalRequestText(request: object): string {
  const { signature: _signature, ...unsigned } = request as Record<string, unknown>;
  return canonicalJson(unsigned);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function signRequest(request: object, privateKey: KeyObject | string): string {
  return createSign('SHA256').update(canonicalRequestText(request), 'utf8').sign(privateKey, 'base64');
}

/** False for a forged, altered or malformed signature; never throws for bad input. */
export function verifyRequestSignature(request: Record<string, unknown>, publicKey: KeyObject | string): boolean {
  if (typeof request.signature !== 'string') return false;
  try {
    return createVerify('SHA256').update(canonicalRequestText(request), 'utf8').verify(publicKey, request.signature, 'base64');
  } catch {
    return false;
  }
}
