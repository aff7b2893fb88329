import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { repositoryRoot, runTool } from './deploy-tools';
import { MONITORING_DIR, MONITORING_FILES } from './monitoring-resources';

describe('alerts and dashboards on Kubernetes', () => {
  it.each(Object.keys(MONITORING_FILES))('%s is what the rules and dashboards compose uses say (npm run k8s-monitoring writes it)', (file) => {
    expect(readFileSync(join(repositoryRoot, MONITORING_DIR, file), 'utf8')).toBe(MONITORING_FILES[file]());
  });

  it.each(['dev', 'prod'])('render in the %s overlay: the rules as a PrometheusRule, each dashboard in a ConfigMap the Grafana sidecar finds', (overlay) => {
    const { status, output } = runTool('kubectl', 'kubectl', ['kustomize', join(repositoryRoot, 'deploy/k8s/overlays', overlay)]);
    expect(status).toBe(0);
    const objects = parseAllDocuments(output).map((d) => d.toJS()).filter(Boolean);
    const [rule, ...others] = objects.filter((o) => o.kind === 'PrometheusRule');
    expect(others).toEqual([]);
    expect(rule.spec.groups).toEqual(parse(readFileSync(join(repositoryRoot, 'deploy/prometheus/halfhour-rules.yaml'), 'utf8')).groups);
    const dashboards = objects.filter((o) => o.kind === 'ConfigMap' && o.metadata.labels?.grafana_dashboard === '1');
    const uids = dashboards.flatMap((c) => Object.values(c.data as Record<string, string>).map((json) => JSON.parse(json).uid)).sort();
    expect(uids).toEqual(['halfhour-capacity', 'halfhour-pipeline', 'halfhour-trt-dip']);
  });
});

describe('the Grafana dashboards', () => {
  const files = ['halfhour-capacity', 'halfhour-pipeline', 'halfhour-trt-dip'].map((name) => join(repositoryRoot, 'deploy/grafana/dashboards', `${name}.json`));

  it.each(files)('%s asks which Prometheus to use, never a datasource uid of one installation', (file) => {
    const dashboard = JSON.parse(readFileSync(file, 'utf8')) as { templating: { list: { name: string; type: string; query: string }[] }; panels: { datasource?: { uid: string } }[] };
    expect(dashboard.templating.list).toContainEqual(expect.objectContaining({ name: 'datasource', type: 'datasource', query: 'prometheus' }));
    for (const panel of dashboard.panels) expect(panel.datasource?.uid).toBe('${datasource}');
  });
});
