import { ReadCommand, ReadResult, Topics } from '@halfhour/contracts';
import { addDays, itemKeyOf, settlementDayStart } from '@halfhour/domain';
import { ProviderSimulator } from './provider-simulator';
import { ServiceTestBed } from './service-test-bed';
import { eventually } from '@halfhour/testing';

/** A device adapter on the real broker, calling the provider simulator over real HTTP; the test plays the scheduler. */
export class AdapterTestBed extends ServiceTestBed {
  readonly simulator = new ProviderSimulator();
  private serial = 0;

  constructor(entry: string) {
    super({ name: 'adapter', entry });
  }

  override async setUp(): Promise<this> {
    await super.setUp();
    await this.simulator.start();
    return this;
  }

  adapterProcess(env: Record<string, string> = {}) {
    return this.newServiceProcess({
      PROVIDER_URLS: `*=${this.simulator.baseUrl}`,
      CALL_TIMEOUT_MS: '300', MAX_ATTEMPTS: '3', BACKOFF_INITIAL_MS: '20', BACKOFF_MAX_MS: '200',
      BREAKER_CONSECUTIVE_FAILURES: '4', BREAKER_HALF_OPEN_AFTER_MS: '1500',
      ...env,
    });
  }

  command(fields: { mpan: string; deviceId: string; provider: string; srv?: string; dataDay?: string; attempt?: number }): ReadCommand {
    const srv = fields.srv ?? '4.8.1';
    const dataDay = fields.dataDay ?? '2026-11-30';
    const itemKey = itemKeyOf({ mpan: fields.mpan, srv, dataDay });
    const attempt = fields.attempt ?? 1;
    return {
      commandId: `${itemKey}#${attempt}#${this.serial++}`, itemKey, planDay: addDays(dataDay, 1), mpan: fields.mpan, deviceId: fields.deviceId,
      provider: fields.provider, srv, dataDay, attempt, kind: 'SCHEDULED', deadline: '2026-12-02T00:00:00Z',
      readPeriod: { start: settlementDayStart(dataDay).toISOString(), end: settlementDayStart(addDays(dataDay, 1)).toISOString() },
      requesters: [{ userId: '00-00-00-00-00-00-AA-01', role: 'MDR', mpid: 'MDRA', origin: 'DSP-1', requestId: '00-00-00-00-00-00-AA-01:00-00-00-00-00-00-00-01:1' }],
    };
  }

  async send(topic: typeof Topics.smets1Commands, commands: readonly ReadCommand[]): Promise<void> {
    await this.publish(topic, topic.messages[0], commands);
  }

  /** The results for these commands, once all have come. */
  async resultsFor(commands: readonly ReadCommand[], timeoutMs = 30_000): Promise<ReadResult[]> {
    return eventually(async () => {
      const all = (await this.readAll(this.topicName(Topics.readResults))).map((m) => JSON.parse(m.value!.toString()) as ReadResult);
      const found = commands.map((c) => all.find((r) => r.commandId === c.commandId));
      expect(found.every(Boolean)).toBe(true);
      return found as ReadResult[];
    }, timeoutMs, 100);
  }

  override async tearDown(): Promise<void> {
    await this.simulator.stop();
    await super.tearDown();
  }
}
