// Validates Kubernetes objects (a multi-document YAML on stdin) offline against the API schemas the
// kubernetes-models packages ship (core, KEDA, Prometheus Operator). Prints a JSON report:
// { "objects": [{ "kind", "name" }], "problems": [{ "kind", "name", "error" }] }; exits 1 on problems.
// ESM because the model packages are ESM-only; the Jest spec runs it as a child process.
import { parseAllDocuments } from 'yaml';

const CRD_PACKAGES = {
  'keda.sh': '@kubernetes-models/keda',
  'monitoring.coreos.com': '@kubernetes-models/prometheus-operator',
};

async function modelOf(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const module = CRD_PACKAGES[group]
    ? await import(`${CRD_PACKAGES[group]}/${group}/${version}`)
    : await import(`kubernetes-models/${group ? `${group}/` : ''}${version}`);
  return module[kind];
}

const input = await new Promise((resolve) => {
  let text = '';
  process.stdin.setEncoding('utf8').on('data', (chunk) => (text += chunk)).on('end', () => resolve(text));
});
const objects = [];
const problems = [];
for (const document of parseAllDocuments(input)) {
  const object = document.toJS();
  if (!object) continue;
  const name = object.metadata?.name;
  objects.push({ kind: object.kind, name });
  try {
    const Model = await modelOf(object.apiVersion, object.kind);
    if (!Model) throw new Error(`no schema for ${object.apiVersion} ${object.kind}`);
    new Model(object).validate();
  } catch (error) {
    problems.push({ kind: object.kind, name, error: String(error.message ?? error) });
  }
}
process.stdout.write(JSON.stringify({ objects, problems }));
process.exitCode = problems.length > 0 ? 1 : 0;
