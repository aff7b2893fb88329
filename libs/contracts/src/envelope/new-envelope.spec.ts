import { newEnvelope } from './new-envelope';
import { isValidTraceparent, traceIdOf } from './trace-context';

describe('message envelope', () => {
  it('starts a correlation and a trace when nothing caused the message', () => {
    const envelope = newEnvelope('css.mdr-appointed', 1, { occurredAt: new Date('2026-11-28T10:00:00Z') });
    expect(envelope.correlationId).toBe(envelope.messageId);
    expect(envelope.causationId).toBeUndefined();
    expect(envelope.schemaVersion).toBe('1');
    expect(envelope.occurredAt).toBe('2026-11-28T10:00:00.000Z');
    expect(isValidTraceparent(envelope.traceparent)).toBe(true);
  });

  it('carries correlation and trace from the message that caused it, in a new span', () => {
    const cause = newEnvelope('dcc.service-request', 1);
    const effect = newEnvelope('access.authorised-request', 1, { causedBy: cause, deadline: new Date('2026-11-29T00:00:00Z') });
    expect(effect.correlationId).toBe(cause.correlationId);
    expect(effect.causationId).toBe(cause.messageId);
    expect(traceIdOf(effect.traceparent)).toBe(traceIdOf(cause.traceparent));
    expect(effect.traceparent).not.toBe(cause.traceparent);
    expect(effect.deadline).toBe('2026-11-29T00:00:00.000Z');
  });

  it('starts a new trace when the parent traceparent is invalid', () => {
    const effect = newEnvelope('x', 1, { causedBy: { messageId: 'm', correlationId: 'c', traceparent: 'garbage' } });
    expect(isValidTraceparent(effect.traceparent)).toBe(true);
    expect(effect.correlationId).toBe('c');
  });
});
