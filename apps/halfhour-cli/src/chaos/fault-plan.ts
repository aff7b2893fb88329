import { SeededRandom } from '@halfhour/simulation';
import { SERVICE_CATALOGUE } from '../stack/service-catalogue';

/** What the campaign does to the running system. */
export type Fault =
  /** kill -9 a service (its `replica`th process) `afterMs` real ms after a clock step, while the step's work is in flight; restart it. */
  | { kind: 'kill'; hour: number; service: string; replica: number; afterMs: number }
  /** SIGTERM a service mid-work, as Kubernetes stops a pod; time its drain; restart it. */
  | { kind: 'drain'; hour: number; service: string; replica: number; afterMs: number }
  /** Every service restarted replica by replica with SIGTERM, each ready before the next goes, as a Deployment rollout does. */
  | { kind: 'rollout'; hour: number }
  /** kill -9 the broker leading the most of the run's partitions; start it again on its data at `untilHour`. */
  | { kind: 'broker-kill'; hour: number; untilHour: number }
  /** Each broker of the cluster stopped cleanly and started again on its data, one after another. */
  | { kind: 'broker-roll'; hour: number }
  /** Stop the broker cleanly and start it again on its data. */
  | { kind: 'broker-restart'; hour: number }
  /** The run's databases refuse connections for `seconds` (real) and every open connection is cut. */
  | { kind: 'postgres-outage'; hour: number; seconds: number }
  /** The DIP answers 503 from `hour` until `untilHour` (simulated). */
  | { kind: 'dip-down'; hour: number; untilHour: number }
  /** The DIP answers 429 above `callsPerSecond` from `hour` until `untilHour`. */
  | { kind: 'dip-rate-limited'; hour: number; untilHour: number; callsPerSecond: number }
  /** The whole registry sent again while reads go out: the day's inbound messages twice over. */
  | { kind: 'overload'; hour: number }
  /** `perTopic` malformed messages on every upstream topic, `oversize` of them near the broker's size limit. */
  | { kind: 'malformed'; hour: number; perTopic: number; oversize: number }
  /** The abuse campaign's forged dead letters (source headers naming other topics), then a replay that must refuse them all. */
  | { kind: 'forged-dead-letters'; hour: number; count: number };

export type CampaignSize = 'full' | 'small';

/** The stack the campaign runs on: processes per service, and brokers. */
export interface StackShape {
  replicas: number;
  brokers: 1 | 3;
}

const ONE_OF_EACH: StackShape = { replicas: 1, brokers: 1 };

/** The process a kill or drain stops: the service's own name, or its `replica`th of several (`scheduler-2`). */
export function processOf(fault: { service: string; replica: number }, shape: StackShape): string {
  return shape.replicas > 1 ? `${fault.service}-${fault.replica}` : fault.service;
}

/** Halfhour's pipeline services, each with its database (not the simulators, nor the console, which holds nothing): what the campaign kills and drains. */
export const SERVICES: readonly string[] = SERVICE_CATALOGUE.filter((entry) => entry.database).map((entry) => entry.name);

/**
 * Each service killed at a moment chosen for it (when its work is heaviest: intake as the mid-run
 * registry changes arrive, access-control as the on-demand requests do, the scheduler, adapters and
 * forwarder as the first reads go out), then more kills and drains at seeded random moments of
 * the reading day; the broker, PostgreSQL and the DIP failing in turn; the registry sent a second
 * time (twice the day's input) and malformed input early on. On several replicas each kill and
 * drain stops one replica, chosen by the seed, and a rollout restarts every replica in turn in the
 * busiest hour; on three brokers, the partitions' busiest leader is killed and revived ten
 * minutes later, and every broker is restarted in turn.
 * The same seed, size and shape give the same campaign on every machine.
 */
export function planFaults(seed: number, size: CampaignSize, shape: StackShape = ONE_OF_EACH): Fault[] {
  const random = new SeededRandom(seed);
  const afterMs = () => random.integer(400);
  const readingHour = () => 6.25 + random.integer(15 * 60) / 60;
  // Drawn only when there is a choice: one process each, the plan is the same as it always was.
  const replica = () => (shape.replicas > 1 ? 1 + random.integer(shape.replicas) : 1);
  const chosen: Fault[] = (size === 'full' ? CHOSEN_KILLS : CHOSEN_KILLS.filter((k) => SMALL_CHOSEN.includes(k.service)))
    .map((kill) => ({ kind: 'kill', ...kill, afterMs: afterMs(), replica: replica() }));
  const randomKills = Array.from({ length: size === 'full' ? 6 : 2 }, (): Fault => ({ kind: 'kill', hour: readingHour(), service: random.pick(SERVICES), afterMs: afterMs(), replica: replica() }));
  const drains = random.sample(SERVICES, size === 'full' ? SERVICES.length : 1).map((service): Fault => ({ kind: 'drain', hour: readingHour(), service, afterMs: afterMs(), replica: replica() }));
  const faults: Fault[] = [
    ...chosen,
    ...randomKills,
    ...drains,
    { kind: 'overload', hour: 7 },
    { kind: 'malformed', hour: 8, perTopic: size === 'full' ? 10_000 : 50, oversize: size === 'full' ? 5 : 1 },
    { kind: 'forged-dead-letters', hour: 9, count: size === 'full' ? 100 : 4 },
    ...(size === 'full' && shape.brokers === 1 ? [{ kind: 'broker-restart', hour: 10.5 } as const] : []),
    ...(shape.replicas > 1 && size === 'full' ? [{ kind: 'rollout', hour: 6.75 } as const] : []),
    ...(shape.brokers === 3 ? [{ kind: 'broker-kill', hour: 10.5, untilHour: 10.5 + 10 / 60 } as const] : []),
    ...(shape.brokers === 3 && size === 'full' ? [{ kind: 'broker-roll', hour: 11.5 } as const] : []),
    { kind: 'postgres-outage', hour: 14, seconds: size === 'full' ? 20 : 5 },
    { kind: 'dip-down', hour: 15, untilHour: 16 },
    { kind: 'dip-rate-limited', hour: 17, untilHour: 18, callsPerSecond: 2 },
  ];
  return faults.sort((a, b) => a.hour - b.hour);
}

const CHOSEN_KILLS: { hour: number; service: string }[] = [
  { hour: 2, service: 'registration-intake' },
  { hour: 6.05, service: 'scheduler' },
  { hour: 6.2, service: 'adapter-smets2' },
  { hour: 6.35, service: 'adapter-smets1' },
  { hour: 6.5, service: 'dip-forwarder' },
  { hour: 12, service: 'access-control' },
];
const SMALL_CHOSEN: string[] = ['scheduler', 'adapter-smets2', 'dip-forwarder', 'access-control'];
