import { ReadCommand, ReadResult, Topics } from '@halfhour/contracts';
import { Clock, ReadFailure } from '@halfhour/domain';
import { BatchHandler, ConsumedMessage, KafkaRuntime } from '@halfhour/kafka';
import { AdapterMetrics } from './adapter-metrics';
import { CommandRecord } from './command-record/command-record';
import { DataCache } from './data-cache';
import { failedResult, resultFromReading } from './normalise-reading';
import { ProviderReading, readFromProvider } from './provider-client';
import { ProviderPolicies, readFailureOf } from './provider-policies';

const INTERRUPTED: ReadFailure = { code: 'INTERRUPTED', detail: 'an earlier delivery of this command began its read and never finished; not read again' };
/** A bound on results held for a retried publish (a few batches' worth). */
const MAX_UNPUBLISHED = 10_000;

export interface ProviderDirectory {
  /** The base URL of a provider's read API. */
  urlOf(provider: string): string;
}

/**
 * Reads a batch of commands from their providers, concurrently within each provider's limits, and
 * publishes one result per command — data, partial data or a failure with its reason; a command
 * is never dropped. At most one provider call per command whatever is redelivered: the command
 * record is claimed before reading, and a command it already holds is not read again (see
 * CommandRecord). With a cache (SMETS1), a command whose data the cache holds whole is answered
 * from it without a call; otherwise the cache's half hours fill what the meter did not return.
 */
export class ReadCommandsHandler implements BatchHandler<ReadCommand> {
  constructor(
    private readonly directory: ProviderDirectory,
    private readonly policies: ProviderPolicies,
    private readonly kafka: KafkaRuntime,
    private readonly metrics: AdapterMetrics,
    private readonly clock: Clock,
    private readonly record: CommandRecord,
    private readonly cache?: DataCache,
  ) {}

  /**
   * Results read but not yet marked published, by command ID: when a publish fails (the broker
   * restarting) and the batch is tried again in this process, they go out as read instead of as
   * INTERRUPTED, which would have the meters read again under new attempts.
   */
  private readonly unpublished = new Map<string, ReadResult>();

  async handleBatch(messages: readonly ConsumedMessage<ReadCommand>[]): Promise<void> {
    const claims = await this.record.claim(messages.map((m) => m.body));
    const taken = new Set<string>();
    const toRead: ConsumedMessage<ReadCommand>[] = [];
    const interrupted: ConsumedMessage<ReadCommand>[] = [];
    for (const message of messages) {
      const id = message.body.commandId;
      if (taken.has(id)) continue;
      taken.add(id);
      if (claims.fresh.has(id)) toRead.push(message);
      else if (claims.interrupted.has(id)) interrupted.push(message);
    }
    const held = interrupted.filter((m) => this.unpublished.has(m.body.commandId)).length;
    this.metrics.redelivered.inc({ outcome: 'published_before' }, claims.published.size);
    this.metrics.redelivered.inc({ outcome: 'republished' }, held);
    this.metrics.redelivered.inc({ outcome: 'interrupted' }, interrupted.length - held);

    const commands = toRead.map((m) => m.body);
    const cached = this.cache ? await this.cache.lookup(commands) : new Map<string, ProviderReading>();
    const read = await Promise.all(commands.map((command) => this.read(command, cached.get(command.commandId))));
    await this.cache?.store(read.filter((r) => r.source === 'METER'));
    if (this.unpublished.size > MAX_UNPUBLISHED) this.unpublished.clear();
    for (const result of read) this.unpublished.set(result.commandId, result);
    const answered = [...toRead, ...interrupted];
    const results = [...read, ...interrupted.map((m) => this.unpublished.get(m.body.commandId) ?? failedResult(m.body, INTERRUPTED, this.clock.now()))];
    await this.kafka.producer.publish(
      Topics.readResults,
      results.map((body, i) => ({ definition: Topics.readResults.messages[0], body, envelope: { causedBy: answered[i].envelope } })),
      { prevalidated: true },
    );
    await this.record.markPublished(answered.map((m) => m.body));
    for (const message of answered) this.unpublished.delete(message.body.commandId);
    for (const result of results) {
      this.metrics.results.inc({ provider: result.provider, outcome: result.outcome, source: result.source });
      const missing = result.periods.filter((p) => p.quality === 'MISSING').length;
      this.metrics.periods.inc({ provider: result.provider, quality: 'MISSING' }, missing);
      this.metrics.periods.inc({ provider: result.provider, quality: 'ACTUAL' }, result.periods.length - missing);
    }
  }

  private async read(command: ReadCommand, cached: ProviderReading | undefined): Promise<ReadResult> {
    if (this.cache) {
      const fromCache = cached ? resultFromReading(command, cached, 'CACHE', this.clock.now()) : undefined;
      this.metrics.cache.inc({ outcome: fromCache?.outcome === 'COMPLETE' ? 'hit' : 'miss' });
      if (fromCache?.outcome === 'COMPLETE') return fromCache;
    }
    const started = process.hrtime.bigint();
    try {
      // A signal of its own per read: cockatiel's timeouts hang their listeners on the parent signal.
      const reading = await this.policies
        .forProvider(command.provider)
        .execute(({ signal }) => readFromProvider(this.directory.urlOf(command.provider), command, signal), new AbortController().signal);
      this.metrics.calls.inc({ provider: command.provider, outcome: 'ok' });
      return resultFromReading(command, merge(reading, cached), 'METER', this.clock.now());
    } catch (error) {
      const failure = readFailureOf(error);
      this.metrics.calls.inc({ provider: command.provider, outcome: failure.code });
      return failedResult(command, failure, this.clock.now());
    } finally {
      this.metrics.callSeconds.observe({ provider: command.provider }, Number(process.hrtime.bigint() - started) / 1e9);
    }
  }
}

/** The meter's half hours, and the cache's where the meter returned none. */
function merge(reading: ProviderReading, cached: ProviderReading | undefined): ProviderReading {
  if (!cached) return reading;
  const have = new Set(reading.periods.map((p) => Date.parse(p.start)));
  return { ...reading, periods: [...reading.periods, ...cached.periods.filter((p) => !have.has(Date.parse(p.start)))] };
}
