import { ALL_TOPICS } from '@halfhour/contracts';
import { kafkaSecurityFrom, topicDurabilityFrom } from '@halfhour/kafka';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { imageManagementPort, repositoryRoot, runTool } from './deploy-tools';
import { loadConfig } from '@halfhour/observability';
import { appOfCommand, configClassOf, settingsOf } from './service-settings';
import { nodeFlagsOf, SERVICE_CATALOGUE } from '../../apps/halfhour-cli/src/stack/service-catalogue';

const servicesWithDatabases = SERVICE_CATALOGUE.filter((entry) => entry.database).map((entry) => entry.name).sort();

type K8sObject = { apiVersion: string; kind: string; metadata: { name: string }; spec?: any; data?: Record<string, string> };

function render(overlay: string): { yaml: string; objects: K8sObject[] } {
  const { status, output } = runTool('kubectl', 'kubectl', ['kustomize', join(repositoryRoot, 'deploy/k8s/overlays', overlay)]);
  if (status !== 0) throw new Error(`kustomize ${overlay} failed: ${output}`);
  return { yaml: output, objects: parseAllDocuments(output).map((d) => d.toJS() as K8sObject).filter(Boolean) };
}

/** Offline validation against the Kubernetes, KEDA and Prometheus Operator schemas (tools/deploy/validate-k8s.mjs). */
function validate(yaml: string): { objects: unknown[]; problems: { kind: string; name: string; error: string }[] } {
  const result = spawnSync(process.execPath, [join(__dirname, 'validate-k8s.mjs')], { input: yaml, encoding: 'utf8', cwd: repositoryRoot });
  return JSON.parse(result.stdout);
}

type EnvEntry = { name: string; value?: string; valueFrom?: object };
type Mount = { name: string; mountPath: string };

/** The Secret whose file a container's `<setting>_FILE` names, through its volume mount; undefined without one. */
function secretBehind(pod: { volumes?: { name: string; secret?: { secretName: string } }[] }, container: { env?: EnvEntry[]; volumeMounts?: Mount[] }, setting: string): string | undefined {
  const file = container.env?.find((e) => e.name === `${setting}_FILE`)?.value;
  if (!file) return undefined;
  const mount = container.volumeMounts?.find((m) => file.startsWith(`${m.mountPath}/`));
  return pod.volumes?.find((v) => v.name === mount?.name)?.secret?.secretName;
}

const standInDirectory = mkdtempSync(join(tmpdir(), 'k8s-secrets-'));
/** A container's settings with each `<setting>_FILE` pointing at a well-formed stand-in of its Secret's file. */
function withSecretFilesStandingIn(env: EnvEntry[] = []): Record<string, string> {
  return Object.fromEntries(env.map((e) => {
    if (!e.name.endsWith('_FILE')) return [e.name, e.value ?? ''];
    const file = join(standInDirectory, e.name);
    writeFileSync(file, e.name === 'DATABASE_URL_FILE' ? 'postgres://secret@db/x?sslmode=verify-full\n' : 'a-value-from-a-secret-0123456789abcdef\n');
    return [e.name, file];
  }));
}

/** Settings only the platform team can give (the DCC's and Elexon's endpoints): the manifests hold placeholders. */
const SITE_ENDPOINTS: Record<string, string> = { DIP_URL: 'https://dip.elexon.example', PROVIDER_URLS: '*=https://providers.dcc.example' };

/** A Kubernetes memory quantity (`384Mi`, `1Gi`) in MiB. */
const mebibytes = (quantity: string) => Number(quantity.replace(/[MG]i$/, '')) * (quantity.endsWith('Gi') ? 1024 : 1);

/** The operator console reads the services' APIs; every other Deployment is on Kafka. */
const usesKafka = (name: string) => name !== 'operator-console';

/** What the providers agree to take in calls at once, across every replica (docs/operations.md, Scaling). */
const PROVIDER_CALLS_IN_FLIGHT = 200;

const partitionsOf = (topic: string) => ALL_TOPICS.find((t) => t.name === topic)?.partitions;

describe.each(['dev', 'prod'])('the %s overlay', (overlay) => {
  const { yaml, objects } = render(overlay);
  const ofKind = (kind: string) => objects.filter((o) => o.kind === kind);
  /** What a deployment's ConfigMaps give it, in envFrom order (a later map overrides an earlier one). */
  const configMapsOf = (deployment: any): Record<string, string> => Object.assign({}, ...deployment.spec.template.spec.containers[0].envFrom.map(
    (source: { configMapRef?: { name: string } }) => ofKind('ConfigMap').find((c) => c.metadata.name === source.configMapRef?.name)?.data ?? {},
  ));
  const deployments = ofKind('Deployment');

  it('renders objects that all validate against their schemas offline', () => {
    const report = validate(yaml);
    expect(report.problems).toEqual([]);
    expect(report.objects.length).toBe(objects.length);
  });

  it('runs each service hardened, probed, bounded and given time to drain', () => {
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(['access-control', 'adapter-smets1', 'adapter-smets2', 'dip-forwarder', 'operator-console', 'registration-intake', 'scheduler']);
    for (const deployment of deployments) {
      const pod = deployment.spec.template.spec;
      const [container] = pod.containers;
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true });
      expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
      expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
      expect(container.livenessProbe.httpGet.path).toBe('/health/live');
      expect(container.startupProbe).toBeDefined();
      expect(container.resources.requests).toBeDefined();
      expect(container.resources.limits).toBeDefined();
      expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(20);
      expect(appOfCommand(container.args)).toBe(deployment.metadata.name);
      expect(ofKind('PodDisruptionBudget').some((p) => p.metadata.name === deployment.metadata.name)).toBe(true);
      expect(secretBehind(pod, container, 'DATABASE_URL')).toBe(servicesWithDatabases.includes(deployment.metadata.name) ? `halfhour-${deployment.metadata.name}-database` : undefined);
    }
  });

  it('sets only settings the services know, and keeps no secrets, nor passes any in the environment', () => {
    expect(ofKind('Secret')).toEqual([]);
    const pods = [...deployments, ...ofKind('Job')].map((o) => o.spec.template.spec);
    const inEnvironment = pods.flatMap((pod) => [...(pod.initContainers ?? []), ...pod.containers]).flatMap((c: { name: string; env?: { name: string; valueFrom?: { secretKeyRef?: object } }[] }) =>
      (c.env ?? []).filter((e) => e.valueFrom?.secretKeyRef).map((e) => `${c.name} ${e.name}`));
    expect(inEnvironment).toEqual([]);
    for (const deployment of deployments) {
      const known = settingsOf(deployment.metadata.name)!;
      const env = deployment.spec.template.spec.containers[0].env.map((e: { name: string }) => e.name);
      const names = [...Object.keys(configMapsOf(deployment)), ...env];
      expect({ service: deployment.metadata.name, unknown: names.filter((n) => !known.has(n)) }).toEqual({ service: deployment.metadata.name, unknown: [] });
    }
  });

  it('runs each service with the node flags the local stack and the bench give it, its heap well inside its memory limit', () => {
    for (const deployment of deployments) {
      const [container] = deployment.spec.template.spec.containers;
      const entry = SERVICE_CATALOGUE.find((candidate) => candidate.name === deployment.metadata.name)!;
      const flags = (container.args as string[]).slice(0, -1);
      expect({ service: deployment.metadata.name, flags }).toEqual({ service: deployment.metadata.name, flags: nodeFlagsOf(entry) });
      if (entry.heapMb) expect(mebibytes(container.resources.limits.memory)).toBeGreaterThanOrEqual(2 * entry.heapMb);
    }
  });

  /** What a deployment's container is given, as the image runs it (NODE_ENV=production); a Secret's file stands in, well-formed. */
  const productionSettingsOf = (deployment: any): Record<string, string> => {
    const container = deployment.spec.template.spec.containers[0];
    return { ...configMapsOf(deployment), ...withSecretFilesStandingIn(container.env), NODE_ENV: 'production' };
  };

  it('gives each service settings it accepts as production once the site’s endpoints replace the placeholders', () => {
    for (const deployment of deployments) {
      const settings = productionSettingsOf(deployment);
      const site = Object.fromEntries(Object.entries(SITE_ENDPOINTS).filter(([name]) => name in settings));
      expect(() => loadConfig(configClassOf(deployment.metadata.name)!, { ...settings, ...site })).not.toThrow();
    }
  });

  it('calls no simulator: every endpoint is a placeholder a production boot refuses, naming the setting', () => {
    expect(yaml).not.toMatch(/127\.0\.0\.1|localhost|simulator/);
    const refused = deployments.flatMap((deployment) => {
      const settings = productionSettingsOf(deployment);
      try {
        loadConfig(configClassOf(deployment.metadata.name)!, settings);
        return [];
      } catch (error) {
        return [...(error as Error).message.matchAll(/\b([A-Z_]+)="[^"]*": must be a real https/g)].map((m) => `${deployment.metadata.name} ${m[1]}`);
      }
    });
    expect(refused.sort()).toEqual(['adapter-smets1 PROVIDER_URLS', 'adapter-smets2 PROVIDER_URLS', 'dip-forwarder DIP_URL']);
  });

  it('gives each migration container settings it accepts as production, for a migration', () => {
    const job = ofKind('Job')[0];
    const pod = job.spec.template.spec;
    const migrations = [...(pod.initContainers ?? []), ...pod.containers].filter((c: { args: string[] }) => c.args.includes('migrate'));
    expect(migrations.map((c: { args: string[] }) => appOfCommand(c.args)).sort()).toEqual(servicesWithDatabases);
    for (const container of migrations) {
      expect(secretBehind(pod, container, 'DATABASE_URL')).toBe(`halfhour-${appOfCommand(container.args)}-database`);
      expect(() => loadConfig(configClassOf(appOfCommand(container.args)!)!, { ...withSecretFilesStandingIn(container.env), NODE_ENV: 'production' }, { forMigration: true })).not.toThrow();
    }
  });

  it('provisions topics durable enough for the environment: three replicas, two in sync, in production', () => {
    const provision = ofKind('Job')[0].spec.template.spec.initContainers.find((c: { args: string[] }) => c.args.includes('provision'));
    const settings = Object.assign({}, ...provision.envFrom.map((source: { configMapRef: { name: string } }) =>
      ofKind('ConfigMap').find((c) => c.metadata.name === source.configMapRef.name)?.data ?? {}));
    expect(topicDurabilityFrom(settings)).toEqual(overlay === 'prod' ? { replicationFactor: 3, minInSyncReplicas: 2 } : { replicationFactor: 1, minInSyncReplicas: 1 });
  });

  it('connects every service and the provision step to Kafka over TLS with SCRAM, as its own user, trusting the mounted CA', () => {
    const job = ofKind('Job')[0];
    const provision = job.spec.template.spec.initContainers.find((c: { args: string[] }) => c.args.includes('provision'));
    const connections = [
      ...deployments.filter((d) => usesKafka(d.metadata.name)).map((d) => ({ name: d.metadata.name, container: d.spec.template.spec.containers[0], pod: d.spec.template.spec })),
      { name: 'provision', container: provision, pod: job.spec.template.spec },
    ];
    for (const { name, container, pod } of connections) {
      const settings: Record<string, string> = Object.assign({}, ...container.envFrom.map((source: { configMapRef: { name: string } }) =>
        ofKind('ConfigMap').find((c) => c.metadata.name === source.configMapRef.name)?.data ?? {}));
      for (const e of container.env) {
        if (e.name.endsWith('_FILE')) settings[e.name.slice(0, -'_FILE'.length)] = `from Secret ${secretBehind(pod, container, e.name.slice(0, -'_FILE'.length))}`;
        else settings[e.name] = e.value;
      }
      const mounted = (path: string) => container.volumeMounts.some((m: { name: string; mountPath: string }) =>
        path.startsWith(`${m.mountPath}/`) && pod.volumes.some((v: any) => v.name === m.name && v.secret?.secretName === 'halfhour-kafka-ca'));
      const security = kafkaSecurityFrom(settings, (path) => (mounted(path) ? 'CA PEM' : 'not mounted'));
      expect({ name, security }).toEqual({
        name,
        security: {
          protocol: 'SASL_SSL', tls: { ca: 'CA PEM' },
          sasl: { mechanism: 'SCRAM-SHA-512', username: `halfhour-${name}`, password: `from Secret halfhour-${name}-kafka` },
        },
      });
      // The network lets it reach the brokers' port.
      const brokerPort = Number(settings.KAFKA_BROKERS.split(',')[0].split(':')[1]);
      const egressPorts = ofKind('NetworkPolicy').flatMap((p) => p.spec.egress ?? []).flatMap((rule: any) => (rule.ports ?? []).map((port: { port: number }) => port.port));
      expect(egressPorts).toContain(brokerPort);
    }
    if (overlay === 'prod') {
      const authentication = ofKind('TriggerAuthentication');
      for (const scaled of ofKind('ScaledObject')) {
        const [trigger] = scaled.spec.triggers;
        expect(trigger.metadata).toMatchObject({ sasl: 'scram_sha512', tls: 'enable', bootstrapServers: expect.stringMatching(/:9093$/) });
        const used = authentication.find((a) => a.metadata.name === trigger.authenticationRef.name);
        expect(used?.spec.secretTargetRef.map((r: { parameter: string }) => r.parameter).sort()).toEqual(['ca', 'password', 'username']);
      }
    }
  });

  it('spreads each service’s replicas over zones and nodes', () => {
    for (const deployment of deployments) {
      const spread = deployment.spec.template.spec.topologySpreadConstraints ?? [];
      expect({ name: deployment.metadata.name, keys: spread.map((c: { topologyKey: string }) => c.topologyKey) })
        .toEqual({ name: deployment.metadata.name, keys: expect.arrayContaining(['kubernetes.io/hostname']) });
      for (const constraint of spread) expect(constraint.labelSelector.matchLabels['app.kubernetes.io/name']).toBe(deployment.metadata.name);
    }
  });

  it('keeps each provider’s calls in flight within what it agreed, however far the adapters scale', () => {
    for (const adapter of ['adapter-smets1', 'adapter-smets2']) {
      const perReplica = Number(configMapsOf(deployments.find((d) => d.metadata.name === adapter)).CONCURRENCY_PER_PROVIDER);
      const scaler = overlay === 'prod' ? ofKind('ScaledObject').find((s) => s.metadata.name === adapter)!.spec.maxReplicaCount : ofKind('HorizontalPodAutoscaler').find((h) => h.metadata.name === adapter)!.spec.maxReplicas;
      expect(perReplica).toBeGreaterThan(0);
      expect({ adapter, inFlight: perReplica * scaler, withinAgreed: perReplica * scaler <= PROVIDER_CALLS_IN_FLIGHT })
        .toEqual({ adapter, inFlight: perReplica * scaler, withinAgreed: true });
    }
  });

  it('lets the operator console reach the services’ APIs and Prometheus, which sums every replica’s metrics, and nothing else', () => {
    const console = configMapsOf(deployments.find((d) => d.metadata.name === 'operator-console'));
    const prometheus = new URL(console.PROMETHEUS_URL);
    const policies = ofKind('NetworkPolicy');
    const out = policies.find((p) => p.spec.podSelector.matchLabels?.['app.kubernetes.io/name'] === 'operator-console' && p.spec.policyTypes.includes('Egress'));
    const toServices = out?.spec.egress.find((rule: any) => rule.to[0].podSelector);
    const toMonitoring = out?.spec.egress.find((rule: any) => rule.to[0].namespaceSelector);
    expect(toServices.ports.map((port: { port: number }) => port.port)).toEqual([8080]);
    expect(toMonitoring.to[0].namespaceSelector.matchLabels['kubernetes.io/metadata.name']).toBe(prometheus.hostname.split('.')[1]);
    expect(toMonitoring.ports.map((port: { port: number }) => port.port)).toEqual([Number(prometheus.port)]);
    const inbound = policies.find((p) => JSON.stringify(p.spec.ingress ?? []).includes('operator-console'));
    expect(inbound?.spec.podSelector.matchExpressions[0].values.sort()).toEqual(deployments.map((d) => d.metadata.name).filter(usesKafka).sort());
    expect(inbound?.spec.ingress[0].ports.map((port: { port: number }) => port.port)).toEqual([8080]);
  });

  it('migrates and provisions in a Job, scrapes with a ServiceMonitor, and denies all traffic it does not need', () => {
    const job = ofKind('Job')[0];
    const steps = [...job.spec.template.spec.initContainers, ...job.spec.template.spec.containers].map((c: { args: string[] }) => c.args.join(' '));
    expect(steps).toContain('dist/apps/halfhour-cli/src/main.js provision');
    for (const service of ['registration-intake', 'access-control', 'scheduler', 'adapter-smets1', 'dip-forwarder']) expect(steps).toContain(`dist/apps/${service}/src/main.js migrate`);
    expect(ofKind('ServiceMonitor')).toHaveLength(1);
    const policies = ofKind('NetworkPolicy');
    expect(policies.some((p) => JSON.stringify(p.spec.podSelector) === '{}' && !p.spec.ingress && !p.spec.egress)).toBe(true);
  });

  it('probes and scrapes on the management port, the only port the monitoring namespace may reach', () => {
    const common = ofKind('ConfigMap').find((c) => c.metadata.name === 'halfhour-common')!;
    const managementPort = Number(common.data?.MANAGEMENT_PORT ?? imageManagementPort());
    for (const deployment of deployments) {
      const [container] = deployment.spec.template.spec.containers;
      expect(container.ports).toContainEqual({ name: 'management', containerPort: managementPort });
      for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) expect(container[probe].httpGet.port).toBe('management');
    }
    expect(ofKind('ServiceMonitor')[0].spec.endpoints.map((e: { port: string }) => e.port)).toEqual(['management']);
    const fromMonitoring = ofKind('NetworkPolicy').flatMap((p) => p.spec.ingress ?? []).filter((rule: any) => JSON.stringify(rule.from).includes('monitoring'));
    expect(fromMonitoring.flatMap((rule: any) => rule.ports.map((port: { port: number }) => port.port))).toEqual([managementPort]);
  });

  it('autoscales each service on Kafka, never beyond its input topic’s partitions, its autoscaler alone setting the count', () => {
    const scaled = overlay === 'prod' ? ofKind('ScaledObject') : ofKind('HorizontalPodAutoscaler');
    expect(scaled.map((s) => s.metadata.name).sort()).toEqual(deployments.filter((d) => usesKafka(d.metadata.name)).map((d) => d.metadata.name).sort());
    for (const deployment of deployments) {
      // An apply would reset a count the autoscaler set; the console keeps a fixed two.
      expect({ name: deployment.metadata.name, replicas: deployment.spec.replicas }).toEqual({ name: deployment.metadata.name, replicas: usesKafka(deployment.metadata.name) ? undefined : 2 });
    }
    if (overlay === 'prod') {
      expect(ofKind('HorizontalPodAutoscaler')).toEqual([]);
      for (const object of scaled) {
        const topic = object.spec.triggers[0].metadata.topic;
        expect(partitionsOf(topic)).toBeDefined();
        expect(object.spec.maxReplicaCount).toBeLessThanOrEqual(partitionsOf(topic)!);
      }
    }
  });
});

describe('the offline schema check', () => {
  it('refuses an object that breaks its schema', () => {
    const broken = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: broken }\nspec: { replicas: "two", selector: {}, template: {} }\n';
    expect(validate(broken).problems).toHaveLength(1);
  });
});
