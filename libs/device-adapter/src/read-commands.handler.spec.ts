import { ReadCommand, ReadResult } from '@halfhour/contracts';
import { addDays, settlementDayStart, settlementPeriodStarts, systemClock } from '@halfhour/domain';
import { ConsumedMessage, KafkaRuntime } from '@halfhour/kafka';
import { Registry } from 'prom-client';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { AdapterMetrics } from './adapter-metrics';
import { CommandClaims, CommandRecord, CommandRef } from './command-record/command-record';
import { ProviderPolicies } from './provider-policies';
import { ReadCommandsHandler } from './read-commands.handler';

/** The command record's rules, in memory: claimed once, then published or not. */
class InMemoryRecord {
  readonly state = new Map<string, 'claimed' | 'published'>();
  async claim(commands: readonly CommandRef[]): Promise<CommandClaims> {
    const claims = { fresh: new Set<string>(), published: new Set<string>(), interrupted: new Set<string>() };
    for (const { commandId: id } of commands) {
      const state = this.state.get(id);
      if (!state) this.state.set(id, 'claimed');
      (state === undefined ? claims.fresh : state === 'published' ? claims.published : claims.interrupted).add(id);
    }
    return claims;
  }
  async markPublished(commands: readonly CommandRef[]): Promise<void> {
    for (const { commandId } of commands) this.state.set(commandId, 'published');
  }
}

const DAY = '2026-11-30';
const command: ReadCommand = {
  commandId: `${addDays(DAY, 1)}|1200001234566|4.8.1|${DAY}#1`, itemKey: `1200001234566|4.8.1|${DAY}`, planDay: addDays(DAY, 1), mpan: '1200001234566',
  deviceId: '00-00-00-00-00-00-00-01', provider: 'CSP-SOUTH', srv: '4.8.1', dataDay: DAY, attempt: 1, kind: 'SCHEDULED', deadline: '2026-12-02T00:00:00Z',
  readPeriod: { start: settlementDayStart(DAY).toISOString(), end: settlementDayStart(addDays(DAY, 1)).toISOString() }, requesters: [],
};
const message = { body: command, envelope: {} } as unknown as ConsumedMessage<ReadCommand>;

describe('reading a batch of commands', () => {
  let provider: Server;
  let reads = 0;

  beforeAll(async () => {
    provider = createServer((_, response) => {
      reads++;
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ periods: settlementPeriodStarts(DAY).map((s) => ({ start: s.toISOString(), kwh: 0.1 })), registers: [] }));
    });
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
  });

  afterAll(() => new Promise((resolve) => provider.close(resolve)));

  it('sends what it read when a failed publish is tried again, reading the meter once and never answering INTERRUPTED', async () => {
    const published: ReadResult[] = [];
    let publishFails = true;
    const kafka = { producer: { publish: async (_topic: unknown, messages: { body: ReadResult }[]) => {
      if (publishFails) throw new Error('the broker is restarting');
      published.push(...messages.map((m) => m.body));
    } } } as unknown as KafkaRuntime;
    const record = new InMemoryRecord();
    const url = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
    const policies = new ProviderPolicies({ callTimeoutMs: 2000, maxAttempts: 1, backoffInitialMs: 1, backoffMaxMs: 1, breakerConsecutiveFailures: 5, breakerHalfOpenAfterMs: 1000, concurrencyPerProvider: 5 }, () => undefined);
    const metrics = new AdapterMetrics(new Registry());
    const handler = new ReadCommandsHandler({ urlOf: () => url }, policies, kafka, metrics, systemClock, record as unknown as CommandRecord);

    await expect(handler.handleBatch([message])).rejects.toThrow('the broker is restarting');
    publishFails = false;
    await handler.handleBatch([message]);

    expect(reads).toBe(1);
    expect(published.map((r) => r.outcome)).toEqual(['COMPLETE']);
    expect(record.state.get(command.commandId)).toBe('published');
    expect((await metrics.redelivered.get()).values.find((v) => v.labels.outcome === 'republished')?.value).toBe(1);
  });
});
