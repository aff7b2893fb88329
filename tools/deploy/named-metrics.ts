import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from './deploy-tools';

const METRIC = /\bhalfhour_[a-z0-9_]+\b/g;

/** Every Halfhour metric the alert rules and the dashboards query, each with where it is named. */
export function metricsNamedInRulesAndDashboards(): Map<string, string> {
  const named = new Map<string, string>();
  const scan = (file: string) => {
    for (const [name] of readFileSync(file, 'utf8').matchAll(METRIC)) if (!named.has(name)) named.set(name, file.replace(`${repositoryRoot}/`, ''));
  };
  scan(join(repositoryRoot, 'deploy/prometheus/halfhour-rules.yaml'));
  const dashboards = join(repositoryRoot, 'deploy/grafana/dashboards');
  for (const file of readdirSync(dashboards).filter((f) => f.endsWith('.json'))) scan(join(dashboards, file));
  return named;
}

/** Expressions the dashboards plot, for asking a real Prometheus. */
export function dashboardExpressions(): string[] {
  const dashboards = join(repositoryRoot, 'deploy/grafana/dashboards');
  return readdirSync(dashboards)
    .filter((f) => f.endsWith('.json'))
    .flatMap((file) => (JSON.parse(readFileSync(join(dashboards, file), 'utf8')) as { panels: { targets: { expr: string }[] }[] }).panels.flatMap((p) => p.targets.map((t) => t.expr)));
}
