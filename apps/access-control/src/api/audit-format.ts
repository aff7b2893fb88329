import { stringify } from 'csv-stringify/sync';
import { DecisionRecord } from '../view/access-repository';

export type AuditFormat = 'ndjson' | 'csv';

/** The CSV's columns: every field of a decision but the message it published (in NDJSON only). */
const CSV_COLUMNS = [
  'decidedAt', 'messageId', 'requestId', 'userId', 'role', 'srv', 'mpan', 'authorised', 'responseCode', 'reason', 'message',
  'matrixVersion', 'trtPolicy', 'relationshipPolicy', 'consentReference', 'registryVersion', 'registryUpdatedAt',
] as const satisfies readonly (keyof DecisionRecord)[];

export const AUDIT_CONTENT_TYPES: Record<AuditFormat, string> = { ndjson: 'application/x-ndjson; charset=utf-8', csv: 'text/csv; charset=utf-8' };

/** What an export starts with: the CSV's header row; nothing for NDJSON. */
export function auditHeader(format: AuditFormat): string {
  return format === 'csv' ? stringify([[...CSV_COLUMNS]]) : '';
}

/** Decisions as NDJSON lines or CSV rows (times as ISO 8601, in UTC). */
export function auditLines(format: AuditFormat, decisions: readonly DecisionRecord[]): string {
  if (format === 'ndjson') return decisions.map((d) => `${JSON.stringify(d)}\n`).join('');
  return stringify(decisions.map((d) => CSV_COLUMNS.map((column) => {
    const value = d[column];
    return value instanceof Date ? value.toISOString() : value;
  })), { cast: { boolean: (value) => String(value), string: neutraliseFormula } });
}

/** OWASP's advice for CSV injection: a cell a spreadsheet would evaluate starts with an apostrophe instead. */
function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
