import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cliKafka } from '../stack/cli-kafka';
import { REPOSITORY_ROOT } from '../stack/stack-settings';

const CLUSTER_SCRIPT = join(REPOSITORY_ROOT, 'scripts/kafka/kafka-cluster.sh');

/**
 * Does one thing to one node of the local cluster (kafka-cluster.sh): kill it (-9), revive it on
 * its data, or restart it cleanly; resolves once done (a node started again answers). Never blocks
 * the campaign: the run's clock goes on while a broker starts.
 */
export async function clusterNode(command: 'kill' | 'revive' | 'restart', node: number): Promise<void> {
  await promisify(execFile)('bash', [CLUSTER_SCRIPT, command, String(node)]).catch((error: { code?: number; stderr?: string }) => {
    throw new Error(`kafka-cluster.sh ${command} ${node} failed (${error.code}): ${error.stderr ?? ''}`);
  });
}

/** The local cluster's nodes, by node id (kafka-cluster.sh numbers them 1–3). */
export const CLUSTER_NODES = [1, 2, 3] as const;

/** The broker that leads the most partitions of the run's topics (those named with `prefix`), and how many it leads. */
export async function busiestLeader(prefix: string): Promise<{ node: number; leads: number }> {
  const admin = cliKafka('halfhour-chaos-leaders').admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((name) => name.startsWith(prefix));
    const leads = new Map<number, number>();
    for (const { partitions } of (await admin.fetchTopicMetadata({ topics })).topics) {
      for (const { leader } of partitions) leads.set(leader, (leads.get(leader) ?? 0) + 1);
    }
    const [node, count] = [...leads].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0] ?? [CLUSTER_NODES[0], 0];
    return { node, leads: count };
  } finally {
    await admin.disconnect();
  }
}
