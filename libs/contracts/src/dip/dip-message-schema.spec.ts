import { dipMessageFor, signDipMessage } from '@halfhour/domain';
import { generateKeyPairSync } from 'node:crypto';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { DIP_CALL_HEADERS_SCHEMA, DIP_CALL_SCHEMA } from './dip-message-schema';

const settings = { interfaceId: 'HALFHOUR-HH-DATA', schemaVersion: '1.0', eventCode: 'HH_DATA_RETRIEVED', senderDipId: 'DCC-HALFHOUR', senderRole: 'DCC', recipients: ['ELEXON'] };
const validate = addFormats(new Ajv({ allErrors: true, strict: false })).compile(DIP_CALL_SCHEMA);

/** Half hours of a local day from its first UTC instant: 46 on the spring clock change. */
const day = (date: string, firstUtc: string, count: number, missing: number[] = []) => ({
  itemKey: `2000000000012|4.8.1|${date}`, mpan: '2000000000012', srv: '4.8.1', settlementDate: date,
  periods: Array.from({ length: count }, (_, i) => ({
    start: new Date(Date.parse(firstUtc) + i * 1_800_000).toISOString(),
    ...(missing.includes(i) ? { quality: 'MISSING' as const } : { quality: 'ACTUAL' as const, kwh: 0.25 + i / 100 }),
  })),
  registers: [{ register: '1', kwh: 12345.6, readAt: `${date}T23:59:00.000Z` }],
});

describe('the DIP message, as documented in docs/asyncapi.yaml', () => {
  it('describes what the forwarder sends: a winter day, a spring clock-change day with gaps', () => {
    const messages = [
      dipMessageFor(settings, day('2026-12-01', '2026-12-01T00:00:00Z', 48), 'ref-1', new Date('2026-12-02T06:00:00Z')),
      dipMessageFor(settings, day('2026-03-29', '2026-03-29T00:00:00Z', 46, [3, 4]), 'ref-2', new Date('2026-03-30T06:00:00Z')),
    ];
    expect({ valid: validate({ messages }), errors: validate.errors ?? null }).toEqual({ valid: true, errors: null });
  });

  it('refuses what the DIP would: a period numbered 51, a missing reference, a stray field', () => {
    const [message] = [dipMessageFor(settings, day('2026-12-01', '2026-12-01T00:00:00Z', 48), 'ref-1', new Date('2026-12-02T06:00:00Z'))];
    const bent = [
      { ...message, custom: { ...message.custom, periods: [{ ...message.custom.periods[0], settlementPeriod: 51 }] } },
      { ...message, common: { ...message.common, senderUniqueReference: '' } },
      { ...message, extra: true },
    ];
    for (const body of bent) expect(validate({ messages: [body] })).toBe(false);
  });

  it('names the headers the forwarder signs a call with', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const headers = signDipMessage('{"messages":[]}', new Date('2026-12-02T06:00:00Z'), 'CERTIFICATE PEM', privateKey);
    expect([...DIP_CALL_HEADERS_SCHEMA.required].sort()).toEqual(Object.keys(headers).sort());
  });
});
