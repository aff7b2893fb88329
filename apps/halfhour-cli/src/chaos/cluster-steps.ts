import { processOf, SERVICES, StackShape } from './fault-plan';
import { busiestLeader, CLUSTER_NODES, clusterNode } from './cluster-faults';

/** What the cluster faults need of the campaign: the run's stack, its topics, and a way to restart one process. */
export interface ClusterFaultContext {
  shape: StackShape;
  topicPrefix: string;
  /** Stops a process with `signal` and starts it again; resolves once it is ready. */
  restart: (process: string, signal: NodeJS.Signals) => Promise<{ exitMs: number; exitCode: number | null; exitSignal: NodeJS.Signals | null }>;
  /** A SIGTERM's drain, for the campaign's drain findings. */
  noteDrain: (process: string, drain: { exitMs: number; exitCode: number | null; exitSignal: NodeJS.Signals | null }) => void;
}

/**
 * A Deployment rollout of every service: each replica in turn stopped with SIGTERM and started
 * again, the next only once it is ready, as Kubernetes rolls pods with maxUnavailable 1.
 */
export async function rollOutEveryService(context: ClusterFaultContext): Promise<string> {
  const started = Date.now();
  let restarted = 0;
  for (const service of SERVICES) {
    for (let replica = 1; replica <= context.shape.replicas; replica++) {
      const process = processOf({ service, replica }, context.shape);
      context.noteDrain(process, await context.restart(process, 'SIGTERM'));
      restarted++;
    }
  }
  return `${restarted} processes restarted one at a time in ${((Date.now() - started) / 1000).toFixed(1)} s`;
}

/** The broker killed by `killBusiestLeader`, for its revival. */
export interface KilledBroker {
  node: number;
}

/** kill -9 the broker that leads the most of the run's partitions: the most leaders to move at once. */
export async function killBusiestLeader(context: ClusterFaultContext, killed: KilledBroker): Promise<string> {
  const leader = await busiestLeader(context.topicPrefix);
  await clusterNode('kill', leader.node);
  killed.node = leader.node;
  return `node ${leader.node}, leader of ${leader.leads} partitions, killed`;
}

export async function reviveBroker(killed: KilledBroker): Promise<string> {
  await clusterNode('revive', killed.node);
  return `node ${killed.node} started again on its data`;
}

/** Each broker stopped cleanly and started again on its data, one after another, as an upgrade rolls a cluster. */
export async function rollEveryBroker(): Promise<string> {
  for (const node of CLUSTER_NODES) await clusterNode('restart', node);
  return `${CLUSTER_NODES.length} brokers restarted one at a time`;
}
