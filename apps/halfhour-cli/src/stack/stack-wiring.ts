import { scalesOut, SERVICE_CATALOGUE, ServiceEntry } from './service-catalogue';

/** Replica k of a service listens this far above replica 1 times k − 1 (8081, 8181, 8281, …). */
export const REPLICA_PORT_STEP = 100;
/** As many as the production overlay's autoscaler allows a service. */
export const MOST_REPLICAS = 12;

/**
 * The catalogue's processes on their usual ports moved by `portOffset`, so a stack can sit beside
 * another; each of Halfhour's services as `replicas` processes (one consumer group, each with its
 * own management port), the console and the simulators once.
 */
export function stackEntries(portOffset: number, replicas = 1): ServiceEntry[] {
  if (!Number.isInteger(replicas) || replicas < 1 || replicas > MOST_REPLICAS) throw new RangeError(`replicas must be 1 to ${MOST_REPLICAS}, not ${replicas}`);
  return SERVICE_CATALOGUE.flatMap((entry) => {
    const moved = { ...entry, httpPort: entry.httpPort + portOffset };
    if (!scalesOut(entry) || replicas === 1) return [moved];
    return Array.from({ length: replicas }, (_, i) => ({ ...moved, httpPort: moved.httpPort + REPLICA_PORT_STEP * i, replica: { index: i + 1, of: replicas } }));
  });
}

/** Each service's processes' URLs (every replica), by service name. */
export function replicaUrlsOf(entries: readonly ServiceEntry[]): Record<string, string[]> {
  const urls: Record<string, string[]> = {};
  for (const entry of entries) (urls[entry.name] ??= []).push(`http://127.0.0.1:${entry.httpPort}`);
  return urls;
}

/** Where a service of a local stack answers (its first replica: every replica answers alike from the service's database). */
export function urlOf(entries: readonly ServiceEntry[], name: string): string {
  const entry = entries.find((e) => e.name === name);
  if (!entry) throw new Error(`no ${name} in the service catalogue`);
  return `http://127.0.0.1:${entry.httpPort}`;
}

/** Where the operator console finds the stack's services (their ports moved by the stack's offset). */
export function consoleEnvironment(entries: readonly ServiceEntry[]): Record<string, string> {
  const services = entries.filter(scalesOut).map((e) => `http://127.0.0.1:${e.httpPort}`);
  return {
    SCHEDULER_URL: urlOf(entries, 'scheduler'), ACCESS_CONTROL_URL: urlOf(entries, 'access-control'), DIP_FORWARDER_URL: urlOf(entries, 'dip-forwarder'),
    METRICS_URLS: services.join(','),
  };
}

/** How a local stack's services reach its SIMULATORS of the providers and the DIP. */
export function simulatorEnvironment(entries: readonly ServiceEntry[]): Record<string, string> {
  return { PROVIDER_URLS: `*=${urlOf(entries, 'provider-simulator')}`, DIP_URL: urlOf(entries, 'dip-simulator') };
}
