import { ALL_TOPICS } from '@halfhour/contracts';
import { createIdempotentProducer, KafkaAdmin, KafkaClient, KafkaProducer, provisionTopics, SINGLE_BROKER } from '@halfhour/kafka';
import { testKafka, uniqueName } from '@halfhour/testing';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { LocalInfrastructure, useLocalCluster } from '../../apps/halfhour-cli/src/stack/local-infrastructure';
import { processMemoryOf } from '../../apps/halfhour-cli/src/stack/process-memory';

export const repositoryRoot = join(__dirname, '..', '..');

/** The value after `--name` on the command line. */
export function argument(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** A process's peak resident set (VmHWM), in MB; 0 once it has gone. */
export function peakRssMb(pid: number): number {
  return processMemoryOf(pid)?.peakRssMb ?? 0;
}

/** Starts the broker and PostgreSQL through the project's scripts when they are not up. */
/** Kafka (the local broker, or with `brokers` 3 the local cluster, KAFKA_BROKERS pointed at it) and PostgreSQL, started if they are not up. */
export function ensureStack(brokers: 1 | 3 = 1): void {
  if (brokers === 3) useLocalCluster(new LocalInfrastructure());
  for (const script of [...(brokers === 3 ? [] : ['scripts/kafka/kafka.sh']), 'scripts/postgres/postgres.sh']) {
    if (spawnSync('bash', [join(repositoryRoot, script), 'ensure'], { stdio: 'inherit' }).status !== 0) throw new Error(`${script} failed`);
  }
}

/** A benchmark's own topics (a unique prefix, provisioned now) with an admin client and a raw idempotent producer. */
export interface BenchTopics {
  prefix: string;
  kafka: KafkaClient;
  admin: KafkaAdmin;
  producer: KafkaProducer;
  /** Deletes the topics and disconnects. */
  close(): Promise<void>;
}

export async function openBenchTopics(clientId: string): Promise<BenchTopics> {
  const prefix = `${uniqueName('bench')}.`;
  const kafka = testKafka(clientId);
  const admin = kafka.admin();
  const producer = createIdempotentProducer(kafka);
  await Promise.all([admin.connect(), producer.connect()]);
  await provisionTopics(admin, ALL_TOPICS, SINGLE_BROKER, prefix);
  return {
    prefix,
    kafka,
    admin,
    producer,
    async close() {
      await admin.deleteTopics({ topics: ALL_TOPICS.flatMap((t) => [`${prefix}${t.name}`, `${prefix}${t.name}.dlq`]) });
      await Promise.all([admin.disconnect(), producer.disconnect()]);
    },
  };
}
