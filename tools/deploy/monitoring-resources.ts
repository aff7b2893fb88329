import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { repositoryRoot } from './deploy-tools';

/** Where the base keeps them, from the repository's root. */
export const MONITORING_DIR = 'deploy/k8s/base/monitoring';
const RULES = 'deploy/prometheus/halfhour-rules.yaml';
const DASHBOARDS = 'deploy/grafana/dashboards';

const HEADER = (source: string) => `# Written by \`npm run k8s-monitoring\` from ${source}, which compose uses too; do not edit.\n`;

/** The alert and recording rules as a Prometheus Operator `PrometheusRule`, from the file compose's Prometheus loads. */
export function prometheusRuleYaml(): string {
  const { groups } = parse(readFileSync(join(repositoryRoot, RULES), 'utf8')) as { groups: unknown[] };
  const rule = { apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: 'halfhour' }, spec: { groups } };
  return HEADER(RULES) + stringify(rule, { lineWidth: 0 });
}

/**
 * Each Grafana dashboard as a ConfigMap Grafana's dashboard sidecar finds by its label
 * (`grafana_dashboard: "1"`, kube-prometheus-stack's default), from the files compose provisions.
 */
export function dashboardConfigMapsYaml(): string {
  const files = readdirSync(join(repositoryRoot, DASHBOARDS)).filter((f) => f.endsWith('.json')).sort();
  return HEADER(`${DASHBOARDS}/*.json`) + files.map((file) => `---\n${stringify({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `grafana-dashboard-${file.replace(/\.json$/, '')}`, labels: { grafana_dashboard: '1' } },
    data: { [file]: readFileSync(join(repositoryRoot, DASHBOARDS, file), 'utf8') },
  }, { lineWidth: 0 })}`).join('');
}

export const MONITORING_FILES: Record<string, () => string> = {
  'prometheus-rule.yaml': prometheusRuleYaml,
  'grafana-dashboards.yaml': dashboardConfigMapsYaml,
};
