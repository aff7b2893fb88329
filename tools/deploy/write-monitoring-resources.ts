import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from './deploy-tools';
import { MONITORING_DIR, MONITORING_FILES } from './monitoring-resources';

/** `npm run k8s-monitoring`: writes the PrometheusRule and the dashboards' ConfigMaps from the rules and dashboards compose uses. */
for (const [file, render] of Object.entries(MONITORING_FILES)) {
  writeFileSync(join(repositoryRoot, MONITORING_DIR, file), render());
  console.log(`wrote ${MONITORING_DIR}/${file}`);
}
