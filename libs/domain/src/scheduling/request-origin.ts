import { createHash } from 'node:crypto';

/**
 * What a read is for, as a requester names it: a user's schedule (its DSPScheduleID) or one
 * on-demand request (the request ID). On the wire it is one string; this is the one place that
 * knows how to tell the two apart.
 */
export type RequestOrigin = { kind: 'SCHEDULE'; dspScheduleId: string } | { kind: 'ON_DEMAND'; requestId: string };

const SCHEDULE_ID_PREFIX = 'DSP-';

/** The DSPScheduleID of the schedule a 5.1 creates: derived from the request message, so a redelivery creates nothing new. */
export function scheduleIdFor(requestMessageId: string): string {
  return `${SCHEDULE_ID_PREFIX}${createHash('sha256').update(requestMessageId).digest('hex').slice(0, 16)}`;
}

export function originOf(text: string): RequestOrigin {
  return text.startsWith(SCHEDULE_ID_PREFIX) ? { kind: 'SCHEDULE', dspScheduleId: text } : { kind: 'ON_DEMAND', requestId: text };
}

export function originText(origin: RequestOrigin): string {
  return origin.kind === 'SCHEDULE' ? origin.dspScheduleId : origin.requestId;
}

/** The schedule a read is for, or undefined for an on-demand read. */
export function scheduleIdIn(origin: string): string | undefined {
  const parsed = originOf(origin);
  return parsed.kind === 'SCHEDULE' ? parsed.dspScheduleId : undefined;
}
