import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ServiceEntry } from './service-catalogue';
import { databaseUrl, kafkaBrokers, REPOSITORY_ROOT } from './stack-settings';

const LOG_DIR = join(REPOSITORY_ROOT, 'out', 'logs');

/** One service as a child process, its JSON logs in out/logs/<name>.log. */
export class ServiceProcess {
  private child?: ChildProcess;

  constructor(readonly entry: ServiceEntry) {}

  get logFile(): string {
    return join(LOG_DIR, `${this.entry.name}.log`);
  }

  start(extraEnv: Record<string, string> = {}): void {
    mkdirSync(LOG_DIR, { recursive: true });
    const log = createWriteStream(this.logFile, { flags: 'a' });
    this.child = spawn(process.execPath, ['-r', '@swc-node/register', join(REPOSITORY_ROOT, this.entry.entry)], {
      cwd: REPOSITORY_ROOT,
      env: {
        ...process.env,
        SWC_NODE_PROJECT: join(REPOSITORY_ROOT, 'tsconfig.json'),
        SERVICE_NAME: this.entry.name,
        HTTP_PORT: String(this.entry.httpPort),
        KAFKA_BROKERS: kafkaBrokers(),
        ...(this.entry.database ? { DATABASE_URL: databaseUrl(this.entry.database) } : {}),
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.pipe(log);
    this.child.stderr?.pipe(log);
  }

  async waitUntilReady(timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child?.exitCode !== null) throw new Error(`${this.entry.name} exited during start; see ${this.logFile}`);
      try {
        const response = await fetch(`http://127.0.0.1:${this.entry.httpPort}/health/ready`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`${this.entry.name} not ready within ${timeoutMs} ms; see ${this.logFile}`);
  }

  /** Peak resident set (VmHWM) in MB while it runs; 0 once it has exited or where /proc is missing. */
  peakRssMb(): number {
    try {
      const status = readFileSync(`/proc/${this.child?.pid}/status`, 'utf8');
      return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
    } catch {
      return 0;
    }
  }

  /** SIGTERM, as Kubernetes sends it; the service drains within its own shutdown timeout. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
}
