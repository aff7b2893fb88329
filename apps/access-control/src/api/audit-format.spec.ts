import { parse } from 'csv-parse/sync';
import { DecisionRecord } from '../view/access-repository';
import { auditHeader, auditLines } from './audit-format';

const decision: DecisionRecord = {
  messageId: 'm-1', requestId: 'r-1', userId: '90-B3-D5-1F-30-00-00-01', role: 'MDR', srv: '4.8.1', mpan: '1200000000016', authorised: false,
  reason: 'NOT_APPOINTED_MDR', responseCode: 'E31', message: 'not the appointed MDR, "on 2026-12-01", so no', decidedAt: new Date('2026-12-02T10:00:00Z'),
  matrixVersion: 'v1', trtPolicy: 'BOTH', relationshipPolicy: 'areas:3f1c0a9b2d4e|ou:REFUSED', consentReference: null, registryVersion: 3, registryUpdatedAt: null, output: { kind: 'response', messageId: 'o-1', body: { responseCode: 'E31' } },
};

describe('the audit export formats', () => {
  it('writes CSV a spreadsheet reads back as it was: quotes and commas kept, times in ISO 8601', () => {
    const [header, row] = parse(auditHeader('csv') + auditLines('csv', [decision])) as string[][];
    const read = Object.fromEntries(header.map((column, i) => [column, row[i]]));
    expect(read).toMatchObject({ messageId: 'm-1', authorised: 'false', responseCode: 'E31', message: decision.message, decidedAt: '2026-12-02T10:00:00.000Z', registryUpdatedAt: '' });
    expect(header).not.toContain('output');
  });

  it('keeps a spreadsheet from reading any field as a formula: text starting with = + - @ or a tab is quoted with a leading apostrophe', () => {
    const hostile = { ...decision, message: '=HYPERLINK("http://evil","x")', requestId: '+1+1', srv: '@SUM(A1)', reason: '-2', mpan: '\t=1' };
    const [header, row] = parse(auditHeader('csv') + auditLines('csv', [hostile])) as string[][];
    const read = Object.fromEntries(header.map((column, i) => [column, row[i]]));
    expect(read).toMatchObject({ message: `'${hostile.message}`, requestId: "'+1+1", srv: "'@SUM(A1)", reason: "'-2", mpan: "'\t=1" });
    expect(auditLines('ndjson', [hostile])).toContain(JSON.stringify(hostile.message));
  });

  it('writes NDJSON a line per decision, the published message included', () => {
    const lines = auditLines('ndjson', [decision, { ...decision, messageId: 'm-2' }]).trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((d) => d.messageId)).toEqual(['m-1', 'm-2']);
    expect(lines[0].output).toEqual(decision.output);
    expect(auditHeader('ndjson')).toBe('');
  });
});
