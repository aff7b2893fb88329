import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';

/**
 * One Prometheus registry per service process, with the default process and Node.js metrics,
 * `halfhour_build_info` (the image's version and revision, which its build sets as
 * HALFHOUR_VERSION and HALFHOUR_REVISION), and a constant `service` label. Libraries register their metrics on the registry they are given,
 * never on prom-client's global one, so tests can build several side by side.
 */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  new Gauge({
    name: 'halfhour_build_info', help: 'Always 1: the version and source revision this process runs, as labels.', labelNames: ['version', 'revision'], registers: [registry],
  }).set({ version: process.env.HALFHOUR_VERSION || 'dev', revision: process.env.HALFHOUR_REVISION || 'unknown' }, 1);
  return registry;
}
