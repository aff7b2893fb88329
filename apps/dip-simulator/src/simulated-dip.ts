import { DipMessage, DipSignatureHeaders, findDipSignatureProblem } from '@halfhour/domain';
import { randomUUID } from 'node:crypto';
import { AcceptedMpanDays } from './accepted-mpan-days';

export interface DipBehaviour {
  /** Every call answered 503. */
  down: boolean;
  /** Extra time before each answer. */
  slowMs: number;
  /** Messages for these MPANs are refused with 422 and a reason. */
  refuseMpans: string[];
  /** Every call answered with this status instead (e.g. 401, 408, 429, 500), with `retryAfterSeconds` if set; 0: none. */
  failWith: number;
  /** Calls beyond this many per second are answered 429 with `Retry-After: 1`; 0: no limit. */
  maxCallsPerSecond: number;
  /** Sent as Retry-After with `failWith`; 0: none. */
  retryAfterSeconds: number;
}

export type DipAnswer = { status: number; body: unknown; headers?: Record<string, string> };

const NORMAL: DipBehaviour = { down: false, slowMs: 0, refuseMpans: [], failWith: 0, maxCallsPerSecond: 0, retryAfterSeconds: 0 };

const REQUIRED_COMMON = ['interfaceId', 'schemaVersion', 'eventCode', 'senderDipId', 'senderRole', 'senderUniqueReference', 'timestamp', 'mpanCore', 'gspGroup', 'recipients'] as const;

/**
 * A SIMULATED Elexon Data Integration Platform: checks each call's signature headers and each
 * message's common block, acknowledges with a transaction ID, and remembers what it accepted by
 * the sender's unique reference, so a test can count unique and duplicate deliveries.
 */
export class SimulatedDip {
  behaviour: DipBehaviour = { ...NORMAL };
  readonly accepted = new AcceptedMpanDays();
  readonly stats = { calls: 0, unique: 0, duplicates: 0, refused: 0, badSignatures: 0, unavailable: 0, throttled: 0, failedOnPurpose: 0 };
  private secondStartedAt = 0;
  private callsThisSecond = 0;

  async receive(body: Buffer, headers: Partial<DipSignatureHeaders>, nowMs = Date.now()): Promise<DipAnswer> {
    this.stats.calls++;
    if (this.behaviour.slowMs > 0) await new Promise((resolve) => setTimeout(resolve, this.behaviour.slowMs));
    if (this.behaviour.down) {
      this.stats.unavailable++;
      return { status: 503, body: { error: 'DIP_UNAVAILABLE' } };
    }
    if (this.behaviour.failWith > 0) {
      this.stats.failedOnPurpose++;
      const retryAfter = this.behaviour.retryAfterSeconds > 0 ? { 'retry-after': String(this.behaviour.retryAfterSeconds) } : undefined;
      return { status: this.behaviour.failWith, body: { error: 'SIMULATED_FAILURE' }, ...(retryAfter ? { headers: retryAfter } : {}) };
    }
    if (this.overRateLimit(nowMs)) {
      this.stats.throttled++;
      return { status: 429, body: { error: 'TOO_MANY_REQUESTS' }, headers: { 'retry-after': '1' } };
    }
    const problem = findDipSignatureProblem(body, headers);
    if (problem) {
      this.stats.badSignatures++;
      return { status: 401, body: { error: 'SIGNATURE_REJECTED', reason: problem } };
    }
    let messages: DipMessage[];
    try {
      const parsed = JSON.parse(body.toString('utf8')) as { messages?: DipMessage[] };
      messages = parsed.messages ?? [];
    } catch {
      return this.refuse('MALFORMED_JSON', 'the body is not JSON');
    }
    for (const message of messages) {
      const missing = REQUIRED_COMMON.filter((field) => message.common?.[field] === undefined);
      if (missing.length > 0 || !Array.isArray(message.custom?.periods)) return this.refuse('SCHEMA_VIOLATION', `missing ${missing.join(', ') || 'custom.periods'}`);
      if (this.behaviour.refuseMpans.includes(message.common.mpanCore)) return this.refuse('MPAN_NOT_REGISTERED', `${message.common.mpanCore} is not known to settlement`);
    }
    const results = messages.map((message) => {
      const reference = message.common.senderUniqueReference;
      const duplicate = this.accepted.has(reference);
      if (duplicate) this.stats.duplicates++;
      else {
        this.stats.unique++;
        this.accepted.add(reference, message);
      }
      return { senderUniqueReference: reference, duplicate };
    });
    return { status: 200, body: { transactionId: randomUUID(), results } };
  }

  reset(): void {
    this.behaviour = { ...NORMAL };
    this.accepted.clear();
    for (const key of Object.keys(this.stats) as (keyof typeof this.stats)[]) this.stats[key] = 0;
  }

  private overRateLimit(nowMs: number): boolean {
    if (this.behaviour.maxCallsPerSecond <= 0) return false;
    if (nowMs - this.secondStartedAt >= 1000) {
      this.secondStartedAt = nowMs;
      this.callsThisSecond = 0;
    }
    return ++this.callsThisSecond > this.behaviour.maxCallsPerSecond;
  }

  private refuse(error: string, reason: string): DipAnswer {
    this.stats.refused++;
    return { status: 422, body: { error, reason } };
  }
}
