import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repositoryRoot, runTool } from './deploy-tools';

const rulesDir = join(repositoryRoot, 'deploy/prometheus');
type Rule = { alert?: string; annotations?: Record<string, string> };
const rules = (parse(readFileSync(join(rulesDir, 'halfhour-rules.yaml'), 'utf8')) as { groups: { rules: Rule[] }[] }).groups.flatMap((g) => g.rules);
const alerts = rules.flatMap((r) => (r.alert ? [r.alert] : []));

describe('Prometheus rules', () => {
  it('pass promtool check rules', () => {
    const { status, output } = runTool('promtool', 'prometheus', ['check', 'rules', 'halfhour-rules.yaml'], rulesDir);
    expect(output).toContain('SUCCESS');
    expect(status).toBe(0);
  });

  it('pass their promtool unit tests', () => {
    const { status, output } = runTool('promtool', 'prometheus', ['test', 'rules', 'halfhour-rules.test.yaml'], rulesDir);
    expect(output).toContain('SUCCESS');
    expect(status).toBe(0);
  });

  it('each alert links its runbook entry by an absolute runbook_url', () => {
    for (const rule of rules.filter((r) => r.alert)) {
      expect({ alert: rule.alert, url: rule.annotations?.runbook_url }).toEqual({
        alert: rule.alert, url: `https://github.com/halfhour/halfhour/blob/main/docs/operations.md#${rule.alert!.toLowerCase()}`,
      });
    }
  });

  it('each alert has a unit test and a runbook entry', () => {
    const tests = readFileSync(join(rulesDir, 'halfhour-rules.test.yaml'), 'utf8');
    const runbook = readFileSync(join(repositoryRoot, 'docs/operations.md'), 'utf8');
    expect(alerts.length).toBeGreaterThan(5);
    for (const alert of alerts) {
      expect({ alert, tested: tests.includes(`alertname: ${alert}`) }).toEqual({ alert, tested: true });
      expect({ alert, inRunbook: runbook.includes(`### ${alert}`) }).toEqual({ alert, inRunbook: true });
    }
  });
});
