import 'reflect-metadata';
import { generateKeyPairSync } from 'node:crypto';
import { dccUserUpdated } from '../messages/dcc-user-updated/dcc-user-updated.definition';
import { DccUserUpdated } from '../messages/dcc-user-updated/dcc-user-updated.message';
import { MarketParticipantUpdated } from '../messages/market-participant-updated/market-participant-updated.message';
import { TransportReason, ValidationReason } from './rejection';
import { validateMessage } from './validate-message';

describe('validateMessage', () => {
  const valid = { mpid: 'ABCD', name: 'A Supplier', roles: ['IS', 'MDR'], effectiveFrom: '2026-04-01' };

  it('returns an instance of the message class with the body’s properties, nothing added or taken away', () => {
    const outcome = validateMessage(MarketParticipantUpdated, valid);
    expect(outcome).toEqual({ ok: true, value: valid });
    if (outcome.ok) expect(outcome.value).toBeInstanceOf(MarketParticipantUpdated);
  });

  it('lists every broken rule by property, under the reason code of the first rule that names one', () => {
    const outcome = validateMessage(MarketParticipantUpdated, {
      ...valid, mpid: 'abc', roles: ['XX'], effectiveFrom: '2026-02-30', surprise: true,
    });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.rejection.reasonCode).toBe(ValidationReason.InvalidMpid);
    expect(outcome.rejection.message).toContain('mpid: must be a Market Participant ID');
    expect(outcome.rejection.message).toContain('roles: each value in roles must be one of');
    expect(outcome.rejection.message).toContain('effectiveFrom: must be a calendar date YYYY-MM-DD');
    expect(outcome.rejection.message).toContain('property surprise should not exist');
  });

  it('refuses a DCC user key of any type or curve but ECDSA P-256, with its own reason code', () => {
    const withKey = (publicKeyPem: string) => ({ ...dccUserUpdated.example, keys: [{ ...dccUserUpdated.example.keys[0], publicKeyPem }] });
    expect(validateMessage(DccUserUpdated, dccUserUpdated.example).ok).toBe(true);
    const rsa512 = generateKeyPairSync('rsa', { modulusLength: 512 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const secp256k1 = generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    for (const pem of [rsa512, secp256k1]) {
      expect(validateMessage(DccUserUpdated, withKey(pem))).toMatchObject({
        ok: false, rejection: { reasonCode: ValidationReason.UnacceptedKeyType, message: expect.stringContaining('ECDSA P-256') },
      });
    }
  });

  it('rejects a hostile shape that class-transformer cannot read, rather than throwing', () => {
    const outcome = validateMessage(MarketParticipantUpdated, { ...valid, roles: JSON.parse('{"constructor": "x"}') });
    expect(outcome).toMatchObject({ ok: false, rejection: { reasonCode: TransportReason.SchemaViolation } });
  });

  it('calls a broken rule without a reason code of its own a SCHEMA_VIOLATION', () => {
    const outcome = validateMessage(MarketParticipantUpdated, { ...valid, roles: [] });
    expect(outcome).toMatchObject({ ok: false, rejection: { reasonCode: TransportReason.SchemaViolation } });
  });

  it.each([null, 42, 'text', [valid]])('rejects a body that is not an object: %p', (body) => {
    expect(validateMessage(MarketParticipantUpdated, body)).toEqual({
      ok: false, rejection: { reasonCode: TransportReason.SchemaViolation, message: 'body must be a JSON object' },
    });
  });
});
