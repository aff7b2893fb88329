import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { eventually } from './eventually';
import { freePort } from './free-port';
import { testBrokers } from './stack-endpoints';
import { operatorHeaders } from './test-operators';

const root = join(__dirname, '..', '..', '..');

/**
 * How a service's entry runs: production code from its compiled form in dist/ (built by the
 * integration tests' global setup through scripts/ensure-build.sh), as the container runs it; a
 * test fixture, which is never compiled, from its TypeScript source.
 */
function nodeArgumentsFor(entry: string): string[] {
  const production = /^((?:apps|libs)\/[^/]+\/src\/.+)\.ts$/.exec(entry);
  if (production && !entry.includes('/test/')) return ['--enable-source-maps', join(root, 'dist', `${production[1]}.js`)];
  return ['-r', '@swc-node/register', join(root, entry)];
}

/** A real service process started from its entry point (`apps/<app>/src/main.ts`, or a test fixture), as tests drive it. */
export class ServiceUnderTest {
  private child?: ChildProcess;
  private httpPort?: number;

  constructor(
    private readonly entry: string,
    private readonly env: Record<string, string>,
    /** Flags for node itself, e.g. `--cpu-prof` (not allowed in NODE_OPTIONS). */
    private readonly nodeArgs: readonly string[] = [],
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get port(): number {
    if (this.httpPort === undefined) throw new Error(`${this.entry} has not been started`);
    return this.httpPort;
  }

  /** Started and not yet exited (it may still be starting). */
  get isRunning(): boolean {
    return this.httpPort !== undefined && this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.httpPort = await freePort();
    this.child = spawn(process.execPath, [...this.nodeArgs, ...nodeArgumentsFor(this.entry)], {
      cwd: root,
      env: {
        ...process.env,
        // A service is in production unless asked otherwise: tests (Jest sets `test`) and benches ask.
        NODE_ENV: process.env.NODE_ENV ?? 'development',
        SWC_NODE_PROJECT: join(root, 'tsconfig.json'),
        HTTP_PORT: String(this.port),
        KAFKA_BROKERS: testBrokers().join(','),
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
        ...this.env,
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    // Ready, or exited: a process that refused to start is not waited for.
    const child = this.child;
    const exited = once(child, 'exit').then(([code]) => {
      throw new Error(`${this.entry} exited with ${code}`);
    });
    exited.catch(() => undefined); // seen by the race below; later exits (a test's own stop) are not errors
    const ready = eventually(async () => {
      if (child.exitCode !== null) return;
      const response = await fetch(`${this.baseUrl}/health/ready`);
      if (!response.ok) throw new Error(`not ready: ${response.status}`);
    }, 60_000, 200);
    await Promise.race([ready, exited]);
    if (child.exitCode !== null) throw new Error(`${this.entry} exited with ${child.exitCode}`);
    return this;
  }

  /** A GET on the operator API with the read-scope test token (ignored by a service that has none). */
  async get<T>(path: string): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.baseUrl}${path}`, { headers: operatorHeaders('read') });
    return { status: response.status, body: (await response.json()) as T };
  }

  /** A command on the operator API (POST, PUT) with a JSON body, as the write-scope test operator by default. */
  async send<T>(method: 'POST' | 'PUT', path: string, body: object, scope: 'read' | 'write' = 'write'): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers: { 'content-type': 'application/json', ...operatorHeaders(scope) }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as T };
  }

  /** The value of one sample of a metric, summed over the samples whose labels match. */
  async metric(name: string, labels: Record<string, string> = {}): Promise<number> {
    const text = await (await fetch(`${this.baseUrl}/metrics`)).text();
    let total = 0;
    for (const line of text.split('\n')) {
      const match = /^([a-zA-Z_:][\w:]*)(\{(.*)\})? (\S+)$/.exec(line);
      if (!match || match[1] !== name) continue;
      const sampleLabels = Object.fromEntries([...(match[3] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
      if (Object.entries(labels).every(([k, v]) => sampleLabels[k] === v)) total += Number(match[4]);
    }
    return total;
  }

  /** Sends a signal and waits for the process to exit; returns how it ended. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return { code: child?.exitCode ?? null, signal: child?.signalCode ?? null };
    child.kill(signal);
    const [code, received] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    return { code, signal: received };
  }
}
