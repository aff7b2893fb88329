import { MpanTimelineUpdated, ReadCommand, ReadResult, RequestAuthorised, Topics } from '@halfhour/contracts';
import { MarketRole, mpanCoreFrom } from '@halfhour/domain';
import { ServiceTestBed } from '@halfhour/service-testing';
import { Consumer, KafkaMessage } from 'kafkajs';
import { randomUUID } from 'node:crypto';

let serial = Math.floor(Math.random() * 1e9);
export function freshMpan(): string {
  return mpanCoreFrom('14', String(serial++).padStart(10, '0'));
}

export const MDR_USER = { userId: '00-00-00-00-00-00-EE-01', mpid: 'MDRA', role: 'MDR' as MarketRole };
export const SUPPLIER_USER = { userId: '00-00-00-00-00-00-EE-02', mpid: 'SUPA', role: 'IS' as MarketRole };

/**
 * The scheduler on the real stack with an accelerated clock that starts at `simulatedOrigin` when
 * the bed is made. The test plays access-control (authorised requests), registration-intake
 * (timelines) and the device adapters (read commands in, read results out).
 */
export class SchedulerTestBed extends ServiceTestBed {
  readonly commands: { command: ReadCommand; message: KafkaMessage }[] = [];
  private commandConsumer?: Consumer;
  private counter = 1000;

  private realOrigin?: Date;

  constructor(
    private readonly simulatedOrigin: string,
    private readonly speed: number,
    env: Record<string, string> = {},
  ) {
    super({ name: 'sched', entry: 'apps/scheduler/src/main.ts', env: { TICK_INTERVAL_MS: '50', GAUGES_INTERVAL_MS: '200', ...env } });
  }

  /** The clock starts at `simulatedOrigin` when the first process starts; every replica shares it. */
  override newServiceProcess(env: Record<string, string> = {}) {
    this.realOrigin ??= new Date();
    return super.newServiceProcess({
      CLOCK_SIMULATED_ORIGIN: this.simulatedOrigin,
      CLOCK_REAL_ORIGIN: this.realOrigin.toISOString(),
      CLOCK_SPEED: String(this.speed),
      ...env,
    });
  }

  /** The scheduler's time now. */
  simulatedNow(): Date {
    const elapsed = this.realOrigin ? Date.now() - this.realOrigin.getTime() : 0;
    return new Date(Date.parse(this.simulatedOrigin) + elapsed * this.speed);
  }

  /** Collects every read command both command topics carry, from the start. */
  async watchCommands(): Promise<void> {
    this.commandConsumer = this.kafka.consumer({ groupId: `${this.prefix}adapters` });
    await this.commandConsumer.connect();
    await this.commandConsumer.subscribe({ topics: [this.topicName(Topics.smets1Commands), this.topicName(Topics.smets2Commands)], fromBeginning: true });
    await this.commandConsumer.run({
      eachMessage: async ({ message }) => {
        this.commands.push({ command: JSON.parse(message.value!.toString()) as ReadCommand, message });
      },
    });
  }

  publishTimelines(timelines: readonly MpanTimelineUpdated[]): Promise<string[]> {
    return this.publish(Topics.mpanTimelines, Topics.mpanTimelines.messages[0], timelines);
  }

  /** A 5.1 Create Schedule as access-control would have authorised it. */
  async createSchedule(user: typeof MDR_USER, mpan: string, deviceId: string, srv: string, startDate: string): Promise<RequestAuthorised> {
    const request: RequestAuthorised = {
      requestId: `${user.userId}:${deviceId}:${this.counter++}`, requestMessageId: randomUUID(), userId: user.userId, mpid: user.mpid, role: user.role,
      srv: '5.1', dataSrv: srv, mode: 'SCHEDULED', mpan, deviceId, days: { from: startDate, to: startDate },
      schedule: { srv, frequency: 'DAILY', startDate }, trt: { seconds: 86_400, basis: 'MHHS', policy: 'EQUAL_EXISTING' },
      decidedAt: '2026-11-01T00:00:00Z', matrixVersion: 'test', registryVersion: 1,
    };
    await this.publish(Topics.authorisedRequests, Topics.authorisedRequests.messages[0], [request]);
    return request;
  }

  /** Answers a command as an adapter would. */
  async answer(command: ReadCommand, outcome: ReadResult['outcome'], failureReason?: string): Promise<void> {
    const result: ReadResult = {
      commandId: command.commandId, itemKey: command.itemKey, planDay: command.planDay, mpan: command.mpan, deviceId: command.deviceId,
      provider: command.provider, srv: command.srv, dataDay: command.dataDay, attempt: command.attempt, outcome, source: 'METER',
      periods: [], registers: [], requesters: command.requesters, completedAt: new Date().toISOString(),
      ...(failureReason ? { failureReason } : {}),
    };
    await this.publish(Topics.readResults, Topics.readResults.messages[0], [result]);
  }

  override async tearDown(): Promise<void> {
    await this.commandConsumer?.disconnect();
    await super.tearDown();
  }
}

export function timeline(mpan: string, deviceId: string, provider: MpanTimelineUpdated['devices'][number]['provider'], mdrTo?: string, version = 1): MpanTimelineUpdated {
  return {
    mpan, version, updatedAt: '2026-11-01T00:00:00Z',
    mdrAppointments: [{ mdrMpid: 'MDRA', appointmentId: `A-${mpan}`, from: '2026-01-01', ...(mdrTo ? { to: mdrTo } : {}) }],
    suppliers: [{ supplierMpid: 'SUPA', registrationId: `R-${mpan}`, from: '2026-01-01' }],
    consent: [{ status: 'DOMESTIC_OPTED_IN', from: '2026-01-01' }],
    devices: [{ deviceId, generation: provider.kind === 'CSP' ? 2 : 1, provider, direction: 'IMPORT', from: '2025-01-01' }],
  };
}
