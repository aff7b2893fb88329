import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * One Prometheus registry per service process, with the default process and Node.js metrics and
 * a constant `service` label. Libraries register their metrics on the registry they are given,
 * never on prom-client's global one, so tests can build several side by side.
 */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}
