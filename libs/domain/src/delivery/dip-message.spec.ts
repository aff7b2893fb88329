import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { settlementPeriodStarts } from '../calendar/settlement-day';
import { dipMessageFor, DipSettings } from './dip-message';
import { findDipSignatureProblem, signDipMessage } from './dip-signature';

const settings: DipSettings = { interfaceId: 'HH-RETRIEVED', schemaVersion: '1.0', eventCode: 'HHD', senderDipId: 'DCC01', senderRole: 'DCC', recipients: ['ELEXON'] };
const day = (settlementDate: string) => ({
  itemKey: `1400000000018|4.8.1|${settlementDate}`, mpan: '1400000000018', srv: '4.8.1', settlementDate, registers: [],
  periods: settlementPeriodStarts(settlementDate).map((start, i) => (i === 2 ? { start: start.toISOString(), quality: 'MISSING' as const } : { start: start.toISOString(), quality: 'ACTUAL' as const, kwh: i / 10 })),
});

describe('dipMessageFor', () => {
  it('numbers the periods of clock-change days 1–46 and 1–50, keeping UTC starts, values and missing half hours', () => {
    const spring = dipMessageFor(settings, day('2026-03-29'), 'ref', new Date('2026-03-30T08:00:00Z'));
    const autumn = dipMessageFor(settings, day('2026-10-25'), 'ref', new Date('2026-10-26T08:00:00Z'));
    expect(spring.custom.periods.map((p) => p.settlementPeriod)).toEqual(Array.from({ length: 46 }, (_, i) => i + 1));
    expect(autumn.custom.periods.map((p) => p.settlementPeriod)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(autumn.custom.periods[0]).toEqual({ utcPeriodStart: '2026-10-24T23:00:00.000Z', settlementPeriod: 1, quality: 'ACTUAL', kwh: 0 });
    expect(autumn.custom.periods[2]).toMatchObject({ quality: 'MISSING', kwh: null });
    expect(autumn.common).toMatchObject({ mpanCore: '1400000000018', distributorId: '14', gspGroup: '_E', senderUniqueReference: 'ref', interfaceId: 'HH-RETRIEVED' });
  });

  it('refuses a half hour from another settlement day', () => {
    const wrong = { ...day('2026-06-10'), settlementDate: '2026-06-11' };
    expect(() => dipMessageFor(settings, wrong, 'ref', new Date())).toThrow(RangeError);
  });
});

describe('DIP signatures', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dip-cert-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', '/CN=test', '-days', '1',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  const certificate = readFileSync(join(dir, 'cert.pem'), 'utf8');
  const key = readFileSync(join(dir, 'key.pem'), 'utf8');

  it('verify what was signed, and name what is wrong with anything else', () => {
    const body = JSON.stringify({ hello: 'DIP' });
    const headers = signDipMessage(body, new Date('2026-12-01T00:00:00Z'), certificate, key);
    expect(findDipSignatureProblem(Buffer.from(body), headers)).toBeUndefined();
    expect(findDipSignatureProblem(Buffer.from(`${body} `), headers)).toBe('CONTENT_HASH_MISMATCH');
    expect(findDipSignatureProblem(Buffer.from(body), { ...headers, 'X-DIP-Signature-Date': '2026-12-02T00:00:00.000Z' })).toBe('BAD_SIGNATURE');
    expect(findDipSignatureProblem(Buffer.from(body), { ...headers, 'X-DIP-Signature-Certificate': 'bm9wZQ==' })).toBe('BAD_CERTIFICATE');
    expect(findDipSignatureProblem(Buffer.from(body), { ...headers, 'X-DIP-Signature': undefined })).toBe('MISSING_HEADER');
  });
});
