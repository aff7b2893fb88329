import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { nodeFlagsOf, SERVICE_CATALOGUE } from '../../apps/halfhour-cli/src/stack/service-catalogue';
import { imageManagementPort, repositoryRoot } from './deploy-tools';
import { loadConfig } from '@halfhour/observability';
import { appOfCommand, configClassOf, settingsOf } from './service-settings';

interface ComposeService {
  build?: { context: string; target: string };
  image?: string;
  command?: string[];
  environment?: Record<string, string | number>;
}

const compose = parse(readFileSync(join(repositoryRoot, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };
const dockerfileTargets = new Set([...readFileSync(join(repositoryRoot, 'Dockerfile'), 'utf8').matchAll(/^FROM\s+\S+\s+AS\s+(\S+)/gim)].map((m) => m[1]));

describe('docker-compose.yml', () => {
  const halfhour = Object.entries(compose.services).filter(([, s]) => s.build);

  it('runs every service and simulator, Kafka, PostgreSQL, Prometheus and Grafana', () => {
    const apps = halfhour.map(([, s]) => appOfCommand(s.command)).filter(Boolean);
    expect(new Set(apps)).toEqual(new Set(['halfhour-cli', 'registration-intake', 'access-control', 'scheduler', 'adapter-smets1', 'adapter-smets2', 'dip-forwarder', 'operator-console', 'provider-simulator', 'dip-simulator']));
    for (const infrastructure of ['kafka', 'postgres', 'provision', 'prometheus', 'grafana']) expect(Object.keys(compose.services)).toContain(infrastructure);
  });

  it('builds each of ours from a Dockerfile target that exists', () => {
    expect(dockerfileTargets.size).toBeGreaterThan(1);
    for (const [name, service] of halfhour) expect({ name, target: dockerfileTargets.has(service.build!.target) }).toEqual({ name, target: true });
  });

  it('sets only environment variables the service’s config class knows, and node’s flags as the catalogue gives them', () => {
    for (const [name, service] of halfhour) {
      const app = appOfCommand(service.command);
      const known = settingsOf(app ?? '');
      if (!known) continue; // the CLI (provision) reads KAFKA_BROKERS and DATABASE_URL only
      const unknown = Object.keys(service.environment ?? {}).filter((variable) => !known.has(variable));
      expect({ name, unknown }).toEqual({ name, unknown: [] });
      const entry = SERVICE_CATALOGUE.find((candidate) => candidate.name === app);
      const flags = service.command!.slice(0, service.command!.findIndex((part) => part.startsWith('dist/')));
      expect({ name, flags }).toEqual({ name, flags: entry ? nodeFlagsOf(entry) : [] });
    }
  });

  it('gives each service settings its config accepts, as the image runs it (NODE_ENV=production unless compose says otherwise)', () => {
    for (const [name, service] of halfhour) {
      const configClass = configClassOf(appOfCommand(service.command) ?? '');
      if (!configClass) continue;
      // Compose fills ${VAR:?message} from the shell (and stops without it): a well-formed value stands in.
      const interpolated = (value: unknown) => String(value).replace(/\$\{\w+:\?[^}]*\}/g, 'a-value-from-the-shell-0123456789abcdef');
      const env = { NODE_ENV: 'production', ...Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, interpolated(v)])) };
      expect({ name, problem: attempt(() => loadConfig(configClass, env)) }).toEqual({ name, problem: undefined });
    }
  });

  it('scrapes every service of ours on its management port in Prometheus, as the job the alert rules select on', () => {
    const managementPort = imageManagementPort();
    const prometheus = readFileSync(join(repositoryRoot, 'deploy/prometheus/prometheus.yml'), 'utf8');
    expect(prometheus).toContain('job_name: halfhour\n');
    for (const [name, service] of halfhour) {
      const app = appOfCommand(service.command) ?? '';
      if (!settingsOf(app) || app.endsWith('simulator')) continue; // the CLI runs once; simulators have their own job
      expect(prometheus).toContain(`"${name}:${managementPort}"`);
    }
  });
});

function attempt(load: () => unknown): string | undefined {
  try {
    load();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
