import { SERVICE_CATALOGUE, ServiceEntry } from './service-catalogue';

/** The catalogue's processes on their usual ports moved by `portOffset`, so a stack can sit beside another. */
export function stackEntries(portOffset: number): ServiceEntry[] {
  return SERVICE_CATALOGUE.map((entry) => ({ ...entry, httpPort: entry.httpPort + portOffset }));
}

/** Where each process of a local stack is. */
export function urlOf(entries: readonly ServiceEntry[], name: string): string {
  const entry = entries.find((e) => e.name === name);
  if (!entry) throw new Error(`no ${name} in the service catalogue`);
  return `http://127.0.0.1:${entry.httpPort}`;
}

/** Where the operator console finds the stack's services (their ports moved by the stack's offset). */
export function consoleEnvironment(entries: readonly ServiceEntry[]): Record<string, string> {
  const services = entries.filter((e) => !e.simulator && e.database).map((e) => `http://127.0.0.1:${e.httpPort}`);
  return {
    SCHEDULER_URL: urlOf(entries, 'scheduler'), ACCESS_CONTROL_URL: urlOf(entries, 'access-control'), DIP_FORWARDER_URL: urlOf(entries, 'dip-forwarder'),
    METRICS_URLS: services.join(','),
  };
}

/** How a local stack's services reach its SIMULATORS of the providers and the DIP. */
export function simulatorEnvironment(entries: readonly ServiceEntry[]): Record<string, string> {
  return { PROVIDER_URLS: `*=${urlOf(entries, 'provider-simulator')}`, DIP_URL: urlOf(entries, 'dip-simulator') };
}
