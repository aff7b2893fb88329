import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { processMemoryOf } from './process-memory';
import { nodeFlagsOf, processNameOf, ServiceEntry } from './service-catalogue';
import { databaseUrl, kafkaBrokers, REPOSITORY_ROOT } from './stack-settings';

const LOG_DIR = join(REPOSITORY_ROOT, 'out', 'logs');


/** Options for node itself, as the container's NODE_OPTIONS sets them, plus any a run adds (e.g. `--cpu-prof`, refused in NODE_OPTIONS). */
const NODE_ARGUMENTS = ['--enable-source-maps'];

/** One service (or one replica of it) as a child process from its compiled entry, its JSON logs in out/logs/<process name>.log. */
export class ServiceProcess {
  private child?: ChildProcess;
  private startedAt?: number;
  private readyAt?: number;

  readonly name: string;

  constructor(readonly entry: ServiceEntry) {
    this.name = processNameOf(entry);
  }

  get logFile(): string {
    return join(LOG_DIR, `${this.name}.log`);
  }

  start(extraEnv: Record<string, string> = {}, nodeArguments: readonly string[] = []): void {
    const entry = join(REPOSITORY_ROOT, this.entry.entry);
    if (!existsSync(entry)) throw new Error(`${this.entry.entry} is not built: run npm run build (npm start and npm run bench build when sources changed)`);
    mkdirSync(LOG_DIR, { recursive: true });
    const log = createWriteStream(this.logFile, { flags: 'a' });
    this.startedAt = Date.now();
    this.readyAt = undefined;
    this.child = spawn(process.execPath, [...NODE_ARGUMENTS, ...nodeFlagsOf(this.entry), ...nodeArguments, entry], {
      cwd: REPOSITORY_ROOT,
      env: {
        ...process.env,
        // The local stack asks for development explicitly: a service is in production unless asked.
        NODE_ENV: 'development',
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

  /** Ready (/health/ready answers 200); false while it starts; throws, with its log's tail, once it has exited. */
  async isReady(): Promise<boolean> {
    if (this.child?.exitCode !== null || this.child?.signalCode !== null) {
      throw new Error(`${this.name} exited during start (${this.child?.exitCode ?? this.child?.signalCode}); the end of ${this.logFile}:\n${this.logTail()}`);
    }
    try {
      const ready = (await fetch(`http://127.0.0.1:${this.entry.httpPort}/health/ready`)).ok;
      if (ready) this.readyAt ??= Date.now();
      return ready;
    } catch {
      return false; // not listening yet
    }
  }

  /** Milliseconds from spawn to the first ready answer seen (as often as the caller asked), once it has been seen. */
  get startToReadyMs(): number | undefined {
    return this.readyAt === undefined || this.startedAt === undefined ? undefined : this.readyAt - this.startedAt;
  }

  /** The process id while it runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** The last lines of its log. */
  logTail(lines = 20): string {
    try {
      return readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log yet)';
    }
  }

  /** Peak resident set (VmHWM) in MB while it runs; 0 once it has exited or where /proc is missing. */
  peakRssMb(): number {
    return processMemoryOf(this.child?.pid)?.peakRssMb ?? 0;
  }

  /** Resident set now (VmRSS) in MB; 0 once it has exited or where /proc is missing. */
  rssMb(): number {
    return processMemoryOf(this.child?.pid)?.rssMb ?? 0;
  }

  /** SIGTERM, as Kubernetes sends it; the service drains within its own shutdown timeout. */
  async stop(): Promise<void> {
    await this.kill('SIGTERM');
  }

  /** Sends a signal and waits for the process to exit; returns how it exited and the real ms it took. */
  async kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return { code: child?.exitCode ?? null, signal: child?.signalCode ?? null, ms: 0 };
    const sent = Date.now();
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    child.kill(signal);
    const [code, received] = await exited;
    return { code, signal: received, ms: Date.now() - sent };
  }
}

/**
 * Waits until every process is ready, saying every ten seconds which are still starting. A process
 * that exits fails the wait at once with its log's tail. There is no fixed budget for a slow
 * machine: the wait gives up only when no process has become ready for `stallMs` (default five
 * minutes), naming the ones still starting, with their logs' tails.
 */
export async function waitUntilAllReady(processes: readonly ServiceProcess[], log: (line: string) => void, stallMs = 300_000): Promise<void> {
  const began = Date.now();
  let waiting = [...processes];
  let lastProgress = Date.now();
  let lastReport = Date.now();
  while (waiting.length > 0) {
    const ready = await Promise.all(waiting.map((p) => p.isReady()));
    if (ready.some(Boolean)) lastProgress = Date.now();
    waiting = waiting.filter((_, i) => !ready[i]);
    if (waiting.length === 0) break;
    if (Date.now() - lastProgress > stallMs) {
      throw new Error(`no service became ready for ${Math.round(stallMs / 1000)} s; still starting: ${waiting.map((p) => `${p.name}, the end of whose log says:\n${p.logTail()}`).join('\n')}`);
    }
    if (Date.now() - lastReport >= 10_000) {
      lastReport = Date.now();
      log(`waiting for ${waiting.map((p) => p.name).join(', ')} to be ready (${Math.round((Date.now() - began) / 1000)} s so far)`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
