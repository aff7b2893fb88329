import { generateKeyPairSync } from 'node:crypto';
import { canonicalRequestText, signRequest, verifyRequestSignature } from './request-signature';
import { formatRequestId, isFreshCounter, parseRequestId } from './request-id';

const keys = () => generateKeyPairSync('ec', { namedCurve: 'prime256v1' });

describe('signed requests', () => {
  const { privateKey, publicKey } = keys();
  const request = {
    requestId: '90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0:1001',
    role: 'MDR',
    srv: '4.8.1',
    body: { readLogPeriod: { start: '2026-02-01T00:00:00Z', end: '2026-02-02T00:00:00Z' } },
  };

  it('verifies what the user signed, whatever the order of its keys', () => {
    const signature = signRequest(request, privateKey);
    const reordered = { body: request.body, srv: '4.8.1', role: 'MDR', requestId: request.requestId, signature };
    expect(verifyRequestSignature(reordered, publicKey)).toBe(true);
  });

  it('refuses an altered request, another key’s signature, garbage and a missing signature', () => {
    const signature = signRequest(request, privateKey);
    expect(verifyRequestSignature({ ...request, srv: '4.8.3', signature }, publicKey)).toBe(false);
    expect(verifyRequestSignature({ ...request, body: { readLogPeriod: { ...request.body.readLogPeriod, end: '2026-03-02T00:00:00Z' } }, signature }, publicKey)).toBe(false);
    expect(verifyRequestSignature({ ...request, signature: signRequest(request, keys().privateKey) }, publicKey)).toBe(false);
    expect(verifyRequestSignature({ ...request, signature: 'bm90IGEgc2lnbmF0dXJl' }, publicKey)).toBe(false);
    expect(verifyRequestSignature(request, publicKey)).toBe(false);
  });

  it('has one canonical text: sorted keys at every level, no whitespace, no signature', () => {
    expect(canonicalRequestText({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: 'x' }, signature: 's' })).toBe('{"a":{"c":"x","d":[2,{"e":0,"f":1}]},"b":1}');
  });
});

describe('request IDs and anti-replay', () => {
  it('round-trips originator:target:counter and refuses malformed IDs', () => {
    const text = '90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0:18446744073709551615';
    expect(formatRequestId(parseRequestId(text)!)).toBe(text);
    expect(parseRequestId('90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0:18446744073709551616')).toBeUndefined();
    expect(parseRequestId('90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0')).toBeUndefined();
    expect(parseRequestId('nope:00-DB-12-34-56-78-90-A0:1')).toBeUndefined();
    expect(parseRequestId('90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0:-1')).toBeUndefined();
  });

  it('accepts a user’s first counter and then only higher ones: a replay or an older request is refused', () => {
    expect(isFreshCounter(5n, undefined)).toBe(true);
    expect(isFreshCounter(6n, 5n)).toBe(true);
    expect(isFreshCounter(5n, 5n)).toBe(false);
    expect(isFreshCounter(4n, 5n)).toBe(false);
    expect(isFreshCounter(2n ** 64n - 1n, 2n ** 64n - 2n)).toBe(true);
  });
});
