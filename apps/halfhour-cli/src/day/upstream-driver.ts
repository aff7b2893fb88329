import { Clock } from '@halfhour/domain';
import { MessageDefinition, TopicDefinition, Topics } from '@halfhour/contracts';
import { createIdempotentProducer, KafkaProducer, TypedProducer } from '@halfhour/kafka';
import { ProducerMetrics } from '@halfhour/observability';
import { MidRunChange, Population, RequestPhase } from '@halfhour/simulation';
import { CssFeedSimulator, DccUsersSimulator } from '@halfhour/upstream-simulators';
import { Registry } from 'prom-client';
import { cliKafka } from '../stack/cli-kafka';
import type { SentRequest } from './day-report';

/** Messages serialised and sent at a time: a national population's messages are never all in memory as Kafka records at once. */
const PUBLISH_CHUNK = 20_000;

/** The run's SIMULATED upstream systems — CSS and the DCC users — publishing through the contracts. */
export class UpstreamDriver {
  readonly css: CssFeedSimulator;
  readonly users = new DccUsersSimulator();
  /** Every request sent, by ID, with the population's request it came from, for the report's checks. */
  readonly sent: SentRequest[] = [];
  private readonly raw: KafkaProducer;
  private readonly producer: TypedProducer;

  constructor(private readonly population: Population, private readonly topicPrefix: string, clock: Clock) {
    this.css = new CssFeedSimulator(population);
    this.raw = createIdempotentProducer(cliKafka('halfhour-upstream-simulators'));
    this.producer = new TypedProducer(this.raw, ProducerMetrics.of(new Registry()), topicPrefix, clock);
  }

  connect(): Promise<void> {
    return this.raw.connect();
  }

  disconnect(): Promise<void> {
    return this.raw.disconnect();
  }

  /** Messages of the registry sent to registration-intake so far (participants, registrations, devices). */
  registryMessagesToIntake = 0;

  /** Standing data, users, registrations and devices: the registry as it is before the day. */
  async publishRegistry(): Promise<number> {
    const [participants, users, registrations, devices] = [this.css.marketParticipants(), this.users.records(), this.css.registrations(), this.css.devices()];
    await this.publishAll(Topics.marketParticipants, participants);
    await this.publishAll(Topics.users, users);
    // Deleted users: the tombstone of each, as a compacting producer sends it (no value, no headers).
    await this.raw.send({ topic: `${this.topicPrefix}${Topics.users.name}`, messages: this.users.deletedUserIds().map((key) => ({ key, value: null })) });
    const published = (await this.publishInChunks(Topics.registrations, registrations)) + (await this.publishInChunks(Topics.deviceInventory, devices));
    this.registryMessagesToIntake += participants.length + published;
    return participants.length + users.length + published;
  }

  /** CSS's (and the inventory's) changes: the population's mid-run ones, or those given (the `day`th of a longer run). */
  async publishChanges(changes: readonly MidRunChange[] = this.population.changes, day = 0): Promise<number> {
    const { registrations, devices } = this.css.changeMessages(changes, day);
    await this.publishInChunks(Topics.registrations, registrations);
    await this.publishInChunks(Topics.deviceInventory, devices);
    return registrations.length + devices.length;
  }

  /** Signs and sends the phase's requests of the run's `day`, as each user would, at the simulated `now`. */
  async publishRequests(phase: RequestPhase, now: Date, day = 0): Promise<number> {
    const indexes = this.population.requests.flatMap((r, index) => (r.phase === phase && (r.day ?? 0) === day ? [index] : []));
    for (let i = 0; i < indexes.length; i += PUBLISH_CHUNK) {
      const chunk = indexes.slice(i, i + PUBLISH_CHUNK);
      const signed = this.users.sign(chunk.map((index) => this.population.requests[index]), now);
      signed.forEach(({ requestId }, j) => this.sent.push({ requestId, index: chunk[j] }));
      const [version1, version2] = Topics.serviceRequests.messages;
      await this.producer.publish(Topics.serviceRequests, signed.map((body) => ({ definition: 'purpose' in body ? version2 : version1, body })));
    }
    return indexes.length;
  }

  private async publishAll<T extends object>(topic: TopicDefinition<T>, bodies: readonly T[]): Promise<void> {
    for (let i = 0; i < bodies.length; i += PUBLISH_CHUNK) {
      await this.producer.publish(topic, bodies.slice(i, i + PUBLISH_CHUNK).map((body) => ({ definition: topic.messages[0] as MessageDefinition<T>, body })));
    }
  }

  /** Messages already typed (a topic's several kinds), made and sent a chunk at a time; resolves with how many. */
  private async publishInChunks<T extends object>(topic: TopicDefinition<T>, messages: Iterable<unknown>): Promise<number> {
    let chunk: unknown[] = [];
    let count = 0;
    for (const message of messages) {
      chunk.push(message);
      if (chunk.length < PUBLISH_CHUNK) continue;
      await this.producer.publish(topic, chunk as never);
      count += chunk.length;
      chunk = [];
    }
    if (chunk.length > 0) await this.producer.publish(topic, chunk as never);
    return count + chunk.length;
  }
}
