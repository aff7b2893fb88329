import { ALL_TOPICS, deadLetterTopicOf, withTopicPrefix } from '@halfhour/contracts';
import { Client } from 'pg';
import { provisionAllTopics } from '../stack/provision';
import { ServiceEntry } from '../stack/service-catalogue';
import { cliKafka } from '../stack/cli-kafka';
import { databaseUrl } from '../stack/stack-settings';
import { checkedNamespace, namespacedDatabase } from '../stack/stack-namespace';

/**
 * A run's own topics (`<name>-<start time>.`) and databases (`<name>_<service>`, made afresh at
 * the start of each run), so a day starts from an empty registry every time and never touches what
 * `halfhour up` keeps, nor another namespace's run.
 */
export class RunNamespace {
  readonly topicPrefix: string;

  constructor(readonly name: string, startedAt = new Date()) {
    checkedNamespace(name);
    this.topicPrefix = `${name}-${startedAt.toISOString().replace(/[-:.TZ]/g, '').slice(0, 14)}.`;
  }

  databaseOf(service: ServiceEntry): string | undefined {
    return service.database ? namespacedDatabase(this.name, service.database) : undefined;
  }

  /** Each service's run database, for the report's own queries. */
  databaseUrlOf(service: ServiceEntry): string {
    return databaseUrl(this.databaseOf(service)!);
  }

  async create(services: readonly ServiceEntry[]): Promise<void> {
    await provisionAllTopics(this.topicPrefix);
    await this.withServer(async (client) => {
      for (const name of new Set(services.flatMap((s) => this.databaseOf(s) ?? []))) {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await client.query(`CREATE DATABASE "${name}"`);
      }
    });
  }

  /** Deletes the run's topics; its databases stay until the next run, for a look afterwards. */
  async deleteTopics(): Promise<void> {
    const admin = cliKafka('halfhour-cli').admin();
    await admin.connect();
    try {
      const names = ALL_TOPICS.flatMap((topic) => {
        const name = withTopicPrefix(topic, this.topicPrefix).name;
        return [name, deadLetterTopicOf(name)];
      });
      const existing = new Set(await admin.listTopics());
      await admin.deleteTopics({ topics: names.filter((name) => existing.has(name)) });
    } finally {
      await admin.disconnect();
    }
  }

  private async withServer(work: (client: Client) => Promise<void>): Promise<void> {
    const client = new Client({ connectionString: databaseUrl('postgres') });
    await client.connect();
    try {
      await work(client);
    } finally {
      await client.end();
    }
  }
}
