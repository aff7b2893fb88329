import { randomUUID } from 'node:crypto';

/** W3C Trace Context `traceparent`: version-traceid-parentid-flags. */
const TRACEPARENT_PATTERN = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

export function isValidTraceparent(candidate: string): boolean {
  const match = TRACEPARENT_PATTERN.exec(candidate);
  return match !== null && !/^0+$/.test(match[1]) && !/^0+$/.test(match[2]);
}

/** A new span: in the parent's trace when there is a valid parent, otherwise a new trace. */
export function childTraceparent(parent?: string): string {
  const match = parent ? TRACEPARENT_PATTERN.exec(parent) : null;
  const traceId = match && isValidTraceparent(parent!) ? match[1] : randomHex(32);
  const flags = match ? match[3] : '01';
  return `00-${traceId}-${randomHex(16)}-${flags}`;
}

/** randomUUID draws from Node's entropy cache, far cheaper per call than randomBytes. */
function randomHex(length: 16 | 32): string {
  return randomUUID().replace(/-/g, '').slice(0, length);
}

export function traceIdOf(traceparent: string): string | undefined {
  return TRACEPARENT_PATTERN.exec(traceparent)?.[1];
}
