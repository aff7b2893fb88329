import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { waitUntilServed } from '@halfhour/kafka';
import { createKafkaClient } from '@halfhour/kafka';
import { repositoryRoot } from './bench-support';

export interface BrokerRate {
  recordsPerSecond: number;
  mbPerSecond: number;
}

/**
 * The broker's raw rates on this machine with Kafka's own perf tools (scripts/kafka/perf-test.sh),
 * on a topic of its own with as many partitions as our busiest topics.
 */
export async function measureBroker(records: number, recordBytes: number): Promise<{ produce: BrokerRate; consume: BrokerRate }> {
  const brokers = process.env.KAFKA_BROKERS ?? `127.0.0.1:${process.env.KAFKA_PORT ?? 9092}`;
  const admin = createKafkaClient({ clientId: 'bench-broker-perf', brokers: brokers.split(',') }).admin();
  const topic = `bench-broker-perf-${randomUUID().slice(0, 8)}`;
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: 6, replicationFactor: 1 }], waitForLeaders: false });
    await waitUntilServed(admin, [topic]);
    const produced = perfTest(['produce', topic, String(records), String(recordBytes)]);
    // "N records sent, X records/sec (Y MB/sec), …"
    const p = /([\d.]+) records\/sec \(([\d.]+) MB\/sec\)/.exec(produced.split('\n').filter((l) => l.includes('records sent')).pop() ?? '');
    const consumed = perfTest(['consume', topic, String(records)]);
    // header then "start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, …"
    const c = consumed.trim().split('\n').pop()!.split(',').map((v) => v.trim());
    if (!p || c.length < 6) throw new Error(`could not read the perf tools' output:\n${produced}\n${consumed}`);
    return { produce: { recordsPerSecond: Number(p[1]), mbPerSecond: Number(p[2]) }, consume: { recordsPerSecond: Number(c[5]), mbPerSecond: Number(c[3]) } };
  } finally {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  }
}

function perfTest(args: string[]): string {
  const result = spawnSync('bash', [join(repositoryRoot, 'scripts/kafka/perf-test.sh'), ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`perf-test.sh ${args[0]} failed: ${result.stderr}`);
  return result.stdout;
}
