import { Clock, DipMessage, SteppedClock, systemClock } from '@halfhour/domain';
import { createJsonLogger } from '@halfhour/observability';
import { Registry } from 'prom-client';
import { DipMetrics } from '../metrics/dip-metrics';
import { OutboxRow } from '../outbox/outbox-repository';
import { DipCallOutcome } from './dip-client';
import { Delivery, DeliveryQueue, DipRelay } from './dip-relay';

/** The outbox in memory: pending rows, who holds a lease, and what became of each. */
class InMemoryQueue implements DeliveryQueue {
  readonly state = new Map<string, { row: OutboxRow; leased: boolean; outcome?: string; attempts: number }>();

  constructor(references: readonly string[]) {
    for (const reference of references) {
      this.state.set(reference, { row: { reference, settlementDate: '2026-12-01', mpan: '1300000000000', message: { reference } as unknown as DipMessage, attempts: 0 }, leased: false, attempts: 0 });
    }
  }

  pending(): string[] {
    return [...this.state.values()].filter((s) => !s.outcome).map((s) => s.row.reference);
  }

  async leasePending(limit: number): Promise<OutboxRow[]> {
    const free = [...this.state.values()].filter((s) => !s.outcome && !s.leased).slice(0, limit);
    for (const s of free) s.leased = true;
    return free.map((s) => s.row);
  }

  async record(deliveries: readonly Delivery[]): Promise<void> {
    for (const { rows, outcome } of deliveries) {
      for (const row of rows) {
        const s = this.state.get(row.reference)!;
        s.attempts++;
        s.leased = false;
        if (outcome.kind === 'ACCEPTED') s.outcome = `DELIVERED ${outcome.transactionId}`;
        if (outcome.kind === 'REFUSED') s.outcome = 'REFUSED';
      }
    }
  }

  async release(rows: readonly OutboxRow[]): Promise<void> {
    for (const row of rows) this.state.get(row.reference)!.leased = false;
  }

  async backlog() {
    return { pending: this.pending().length, oldestSeconds: 0 };
  }
}

/** The DIP as the relay sees it: answers each call by the rule given, and remembers the calls. */
function fakeDip(answer: (references: string[]) => DipCallOutcome) {
  const calls: string[][] = [];
  const send = async (messages: readonly DipMessage[]) => {
    const references = messages.map((m) => (m as unknown as { reference: string }).reference);
    calls.push(references);
    return answer(references);
  };
  return { calls, send };
}

const references = (count: number) => Array.from({ length: count }, (_, i) => `r${String(i + 1).padStart(2, '0')}`);
const settings = { batchSize: 5, concurrency: 2, callTimeoutMs: 1000, backoffMaxMs: 60_000, rowsPerRound: 20 };
const relayOf = (queue: DeliveryQueue, send: (messages: readonly DipMessage[]) => Promise<DipCallOutcome>, clock: Clock = systemClock) =>
  new DipRelay(queue, send, new DipMetrics(new Registry()), createJsonLogger('dip-relay-spec', 'fatal'), settings, { measure: async (measure) => { await measure(); return true; } }, clock);

describe('DipRelay', () => {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] }));
  afterEach(() => jest.useRealTimers());

  it('sends a full round in calls of the batch size, records each with the DIP’s transaction ID, and asks to run again at once', async () => {
    const queue = new InMemoryQueue(references(25));
    const dip = fakeDip((refs) => ({ kind: 'ACCEPTED', transactionId: `tx-${refs[0]}` }));
    const relay = relayOf(queue, dip.send);

    expect(await relay.deliverOnce()).toBe('more');
    expect(dip.calls.map((c) => c.length)).toEqual([5, 5, 5, 5]);
    expect(await relay.deliverOnce()).toBe('worked');
    expect(await relay.deliverOnce()).toBe('idle');
    expect(queue.pending()).toEqual([]);
    expect(queue.state.get('r07')!.outcome).toBe('DELIVERED tx-r06');
    expect(dip.calls.flat().sort()).toEqual(references(25));
  });

  it('sends a refused call again one MPAN-day at a time, so only the data the DIP refuses is refused', async () => {
    const queue = new InMemoryQueue(references(5));
    const dip = fakeDip((refs) => (refs.includes('r03') ? { kind: 'REFUSED', reason: '422 MPAN_NOT_REGISTERED' } : { kind: 'ACCEPTED', transactionId: 'tx' }));
    const relay = relayOf(queue, dip.send);

    await relay.deliverOnce();
    expect(dip.calls).toEqual([references(5), ['r01'], ['r02'], ['r03'], ['r04'], ['r05']]);
    expect([...queue.state.values()].map((s) => s.outcome)).toEqual(['DELIVERED tx', 'DELIVERED tx', 'REFUSED', 'DELIVERED tx', 'DELIVERED tx']);
  });

  it('while the DIP fails, backs off (its Retry-After honoured), loses nothing, frees what it did not send, and drains once the DIP answers', async () => {
    const queue = new InMemoryQueue(references(20));
    let up = false;
    const dip = fakeDip(() => (up ? { kind: 'ACCEPTED', transactionId: 'tx' } : { kind: 'FAILED', cause: 'throttled', reason: '429', retryAfterMs: 30_000 }));
    const relay = relayOf(queue, dip.send);

    expect(await relay.deliverOnce()).toBe('worked');
    // Both workers had a call in flight when the first failure came back; no further call went.
    expect(dip.calls).toHaveLength(2);
    expect(queue.pending()).toEqual(references(20));
    expect([...queue.state.values()].filter((s) => s.leased)).toEqual([]);
    expect(queue.state.get('r01')!.attempts).toBe(1);

    expect(await relay.deliverOnce()).toBe('idle');
    jest.advanceTimersByTime(29_000);
    expect(await relay.deliverOnce()).toBe('idle');
    expect(dip.calls).toHaveLength(2);

    up = true;
    jest.advanceTimersByTime(1_000);
    expect(await relay.deliverOnce()).toBe('more');
    expect(queue.pending()).toEqual([]);
  });

  it('waits out a back-off on the service’s clock: a simulated minute ends it, however little real time has passed', async () => {
    const queue = new InMemoryQueue(references(3));
    let up = false;
    const dip = fakeDip(() => (up ? { kind: 'ACCEPTED', transactionId: 'tx' } : { kind: 'FAILED', cause: 'unavailable', reason: '503' }));
    const clock = new SteppedClock(new Date('2026-12-09T15:00:00Z'));
    const relay = relayOf(queue, dip.send, clock);

    expect(await relay.deliverOnce()).toBe('worked');
    up = true;
    jest.advanceTimersByTime(60_000);
    expect(await relay.deliverOnce()).toBe('idle');
    expect(dip.calls).toHaveLength(1);

    clock.advanceTo(new Date('2026-12-09T15:01:00Z'));
    expect(await relay.deliverOnce()).toBe('worked');
    expect(queue.pending()).toEqual([]);
  });
});
