import { randomBytes } from 'node:crypto';

/** W3C Trace Context `traceparent`: version-traceid-parentid-flags. */
const TRACEPARENT_PATTERN = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

export function isValidTraceparent(candidate: string): boolean {
  const match = TRACEPARENT_PATTERN.exec(candidate);
  return match !== null && !/^0+$/.test(match[1]) && !/^0+$/.test(match[2]);
}

/** A new span: in the parent's trace when there is a valid parent, otherwise a new trace. */
export function childTraceparent(parent?: string): string {
  const match = parent ? TRACEPARENT_PATTERN.exec(parent) : null;
  const traceId = match && isValidTraceparent(parent!) ? match[1] : randomBytes(16).toString('hex');
  const flags = match ? match[3] : '01';
  return `00-${traceId}-${randomBytes(8).toString('hex')}-${flags}`;
}

export function traceIdOf(traceparent: string): string | undefined {
  return TRACEPARENT_PATTERN.exec(traceparent)?.[1];
}
