import { addDays, findMpanCoreProblem, isCalendarDate, isValidEui64, settlementDayStart } from '@halfhour/domain';
import { BadRequestException } from '@nestjs/common';
import { AuditPosition, AuditQuery, DecisionFilter } from '../view/access-repository';

export const MAX_PAGE = 1000;
const DEFAULT_PAGE = 100;

/** The query string of `GET /audit` and `GET /audit/export`. */
export interface AuditParameters {
  userId?: string;
  mpan?: string;
  day?: string;
  since?: string;
  until?: string;
  decision?: string;
  cursor?: string;
  limit?: string;
}

/** The audit's filters from a query string, or a 400 naming the parameter at fault. */
export function auditFiltersOf(parameters: AuditParameters): Omit<AuditQuery, 'limit' | 'order' | 'after'> {
  const { userId, mpan, day, since, until, decision } = parameters;
  if (userId !== undefined && !isValidEui64(userId)) throw badRequest('INVALID_USER_ID', `"${userId}" is not an EUI-64 user ID`);
  if (mpan !== undefined && findMpanCoreProblem(mpan)) throw badRequest('INVALID_MPAN', `"${mpan}" is not an MPAN core`);
  if (day !== undefined && (since !== undefined || until !== undefined)) throw badRequest('INVALID_PERIOD', 'give day, or since and until, not both');
  if (day !== undefined && !isCalendarDate(day)) throw badRequest('INVALID_DATE', `day="${day}" is not a date YYYY-MM-DD`);
  return {
    ...(userId ? { userId } : {}),
    ...(mpan ? { mpan } : {}),
    ...(day ? { since: settlementDayStart(day), until: settlementDayStart(addDays(day, 1)) } : {}),
    ...(since ? { since: instant('since', since) } : {}),
    ...(until ? { until: instant('until', until) } : {}),
    ...(decision ? { decision: decisionOf(decision) } : {}),
  };
}

/** A page of `GET /audit`: newest first, `limit` long, after the cursor's decision. */
export function auditPageOf(parameters: AuditParameters): AuditQuery {
  return { ...auditFiltersOf(parameters), order: 'newest', limit: limitOf(parameters.limit), ...(parameters.cursor ? { after: positionOf(parameters.cursor) } : {}) };
}

/** An opaque cursor for the page after the one ending at `position`. */
export function cursorAfter(position: AuditPosition): string {
  return Buffer.from(JSON.stringify([new Date(position.decidedAt).toISOString(), position.messageId])).toString('base64url');
}

function positionOf(cursor: string): AuditPosition {
  try {
    const [decidedAt, messageId] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const at = new Date(String(decidedAt));
    if (typeof messageId === 'string' && !Number.isNaN(at.getTime())) return { decidedAt: at, messageId };
  } catch {
    // answered below
  }
  throw badRequest('INVALID_CURSOR', 'cursor is not one this API gave out');
}

function decisionOf(text: string): DecisionFilter {
  if (text === 'authorised' || text === 'refused') return text;
  if (/^[IE]\d{1,3}$/.test(text)) return { responseCode: text };
  throw badRequest('INVALID_DECISION', `decision must be authorised, refused or a response code (e.g. E31), not "${text}"`);
}

function instant(name: string, text: string): Date {
  const parsed = new Date(text);
  if (Number.isNaN(parsed.getTime())) throw badRequest('INVALID_DATE', `${name}="${text}" is not an ISO 8601 instant`);
  return parsed;
}

function limitOf(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PAGE;
  const limit = Number(text);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw badRequest('INVALID_LIMIT', `limit must be an integer from 1 to ${MAX_PAGE}`);
  return limit;
}

function badRequest(reasonCode: string, message: string): BadRequestException {
  return new BadRequestException({ reasonCode, message });
}
