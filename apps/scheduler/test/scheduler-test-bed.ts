import { MpanTimelineUpdated, ReadCommand, ReadResult, RequestAuthorised, Topics } from '@halfhour/contracts';
import { KafkaConsumer, KafkaRecord } from '@halfhour/kafka';
import { SimulatedTime } from '@halfhour/observability';
import { ServiceTestBed } from '@halfhour/service-testing';
import { ServiceUnderTest } from '@halfhour/testing';
import { Client } from 'pg';
import { randomUUID } from 'node:crypto';
import { MDR_USER } from './fixtures';

export { freshMpan, MDR_USER, SUPPLIER_USER, timeline } from './fixtures';

export interface WatchedCommand {
  command: ReadCommand;
  message: KafkaRecord;
}

/**
 * The scheduler on the real stack, on simulated time the test owns: the clock stands at `start`
 * until the test moves it (`time.advanceTo`, `time.advanceUntil`), and every step waits until the
 * scheduler has settled, so nothing depends on how fast the machine is. The test plays
 * access-control (authorised requests), registration-intake (timelines) and the device adapters
 * (read commands in, read results out).
 */
export class SchedulerTestBed extends ServiceTestBed {
  readonly time: SimulatedTime;
  /** A connection to the scheduler's database, to look at what it wrote. */
  db!: Client;
  private readonly watched: WatchedCommand[] = [];
  private readonly watchedOffsets = new Map<string, number>();
  private readonly processes: ServiceUnderTest[] = [];
  private commandConsumer?: KafkaConsumer;
  private counter = 1000;

  constructor(start: string, env: Record<string, string> = {}) {
    super({ name: 'sched', entry: 'apps/scheduler/src/main.ts', env: { TICK_INTERVAL_MS: '1000', GAUGES_INTERVAL_MS: '200', ...env } });
    this.time = new SimulatedTime({ start: new Date(start), services: () => this.processes.filter((p) => p.isRunning).map((p) => p.baseUrl) });
  }

  /** A bed for a whole describe block: set up before its tests (the clock standing at `start`), torn down after them. */
  static forSuite(start: string, env: Record<string, string> = {}): SchedulerTestBed {
    const bed = new SchedulerTestBed(start, env);
    beforeAll(() => bed.setUp());
    afterAll(() => bed.tearDown());
    return bed;
  }

  override async setUp(): Promise<this> {
    await super.setUp();
    this.db = new Client({ connectionString: this.database.url });
    await this.db.connect();
    return this;
  }

  /** Every replica runs on the test's clock, starting where it stands now. */
  override newServiceProcess(env: Record<string, string> = {}): ServiceUnderTest {
    const process = super.newServiceProcess({ ...this.time.environment(), ...env });
    this.processes.push(process);
    return process;
  }

  /** Collects every read command both command topics carry, from the start. */
  async watchCommands(): Promise<void> {
    this.commandConsumer = this.kafka.consumer({ groupId: `${this.prefix}adapters` });
    await this.commandConsumer.connect();
    await this.commandConsumer.subscribe({ topics: this.commandTopics(), fromBeginning: true });
    await this.commandConsumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        this.watched.push({ command: JSON.parse(message.value!.toString()) as ReadCommand, message });
        this.watchedOffsets.set(`${topic}/${partition}`, Number(message.offset) + 1);
      },
    });
  }

  /** Settles, then answers every command sent so far, once the watcher has read to the end of both topics. */
  async commands(): Promise<WatchedCommand[]> {
    await this.time.settle();
    const ends = await Promise.all(this.commandTopics().map(async (topic) => ({ topic, offsets: await this.admin.fetchTopicOffsets(topic) })));
    const caughtUp = () => ends.every(({ topic, offsets }) => offsets.every((o) => (this.watchedOffsets.get(`${topic}/${o.partition}`) ?? 0) >= Number(o.high)));
    while (!caughtUp()) await new Promise((resolve) => setTimeout(resolve, 10));
    return [...this.watched];
  }

  publishTimelines(timelines: readonly MpanTimelineUpdated[]): Promise<string[]> {
    return this.publish(Topics.mpanTimelines, Topics.mpanTimelines.messages[0], timelines);
  }

  /** A 5.1 Create Schedule as access-control would have authorised it. */
  async createSchedule(user: typeof MDR_USER, mpan: string, deviceId: string, srv: string, startDate: string, purpose?: RequestAuthorised['purpose']): Promise<RequestAuthorised> {
    const request: RequestAuthorised = {
      requestId: `${user.userId}:${deviceId}:${this.counter++}`, requestMessageId: randomUUID(), userId: user.userId, mpid: user.mpid, role: user.role,
      srv: '5.1', dataSrv: srv, mode: 'SCHEDULED', mpan, deviceId, days: { from: startDate, to: startDate },
      schedule: { srv, frequency: 'DAILY', startDate }, trt: { seconds: 86_400, basis: 'MHHS', policy: 'EQUAL_EXISTING' },
      decidedAt: '2026-11-01T00:00:00Z', matrixVersion: 'test', registryVersion: 1, ...(purpose ? { purpose } : {}),
    };
    await this.publish(Topics.authorisedRequests, Topics.authorisedRequests.messages[0], [request]);
    return request;
  }

  /** Answers a command as an adapter would. */
  async answer(command: ReadCommand, outcome: ReadResult['outcome'], failureReason?: string, failureCode?: ReadResult['failureCode']): Promise<void> {
    const result: ReadResult = {
      commandId: command.commandId, itemKey: command.itemKey, planDay: command.planDay, mpan: command.mpan, deviceId: command.deviceId,
      provider: command.provider, srv: command.srv, dataDay: command.dataDay, attempt: command.attempt, outcome, source: 'METER',
      periods: [], registers: [], requesters: command.requesters, completedAt: this.time.now().toISOString(),
      ...(failureReason ? { failureReason } : {}),
      ...(failureCode ? { failureCode } : {}),
    };
    await this.publish(Topics.readResults, Topics.readResults.messages[0], [result]);
  }

  override async tearDown(): Promise<void> {
    await this.db?.end();
    await this.commandConsumer?.disconnect();
    await Promise.all(this.processes.map((p) => p.stop('SIGKILL')));
    await super.tearDown();
  }

  private commandTopics(): string[] {
    return [this.topicName(Topics.smets1Commands), this.topicName(Topics.smets2Commands)];
  }
}
