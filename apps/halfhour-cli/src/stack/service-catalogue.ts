/**
 * The Halfhour services `npm start` runs, each as its own process with its own database, as they
 * would run as separate Deployments. An issue that adds a service adds it here.
 */
export interface ServiceEntry {
  name: string;
  /** Compiled entry point, relative to the repository root (`npm run build`, or scripts/ensure-build.sh when sources changed), as the container runs it. */
  entry: string;
  httpPort: number;
  /** The service's own database; the CLI creates it if missing, the service migrates it. */
  database?: string;
  /**
   * The V8 old space it runs with (`--max-old-space-size`, MB), given to node before the entry
   * point as its Deployment's args give it (`nodeFlagsOf`); node sizes the heap from the machine
   * (or the container's limit) without one.
   */
  heapMb?: number;
  /** A SIMULATOR of the outside world: real time, no part in settling the run's clock. */
  simulator?: true;
  /** A simulator that keeps the run's time (its `/simulation/clock`), as the services do. */
  followsRunClock?: true;
  /** Which of the service's replicas this process is (1 of N), when a run starts several. */
  replica?: { index: number; of: number };
}

/** One of Halfhour's own services, which a Deployment runs as replicas in one consumer group; the console and the simulators run once. */
export function scalesOut(entry: ServiceEntry): boolean {
  return !entry.simulator && entry.database !== undefined;
}

/** The process's own name: the service's, numbered when it is one of several replicas (`scheduler-2`). */
export function processNameOf(entry: ServiceEntry): string {
  return entry.replica && entry.replica.of > 1 ? `${entry.name}-${entry.replica.index}` : entry.name;
}

/**
 * What node runs a service with, before its entry point, as its Deployment's args give them. A
 * small heap would also want `--no-flush-bytecode` (NODE_OPTIONS refuses it): measured, not yet
 * shipped (docs/performance.md, "Memory").
 */
export function nodeFlagsOf(entry: ServiceEntry): string[] {
  return entry.heapMb ? [`--max-old-space-size=${entry.heapMb}`] : [];
}

/**
 * The scheduler's old space: its plan holds a page of MPANs, not the day. The other services run
 * uncapped until the loss the small cluster campaign found this evening is understood
 * (docs/performance.md, "Memory").
 */
const SCHEDULER_HEAP_MB = 160;

export const SERVICE_CATALOGUE: readonly ServiceEntry[] = [
  { name: 'registration-intake', entry: 'dist/apps/registration-intake/src/main.js', httpPort: 8081, database: 'registration_intake' },
  { name: 'access-control', entry: 'dist/apps/access-control/src/main.js', httpPort: 8082, database: 'access_control' },
  { name: 'scheduler', entry: 'dist/apps/scheduler/src/main.js', httpPort: 8083, database: 'scheduler', heapMb: SCHEDULER_HEAP_MB },
  { name: 'adapter-smets1', entry: 'dist/apps/adapter-smets1/src/main.js', httpPort: 8084, database: 'adapter_smets1' },
  { name: 'adapter-smets2', entry: 'dist/apps/adapter-smets2/src/main.js', httpPort: 8085, database: 'adapter_smets2' },
  { name: 'dip-forwarder', entry: 'dist/apps/dip-forwarder/src/main.js', httpPort: 8086, database: 'dip_forwarder' },
  // The page in the browser over the services' report APIs (docs/operator-console.md).
  { name: 'operator-console', entry: 'dist/apps/operator-console/src/main.js', httpPort: 8087 },
  // SIMULATORS of the outside world: the CSPs and S1SPs the adapters call, and Elexon's DIP; a
  // deployment points PROVIDER_URLS and DIP_URL at the real ones.
  { name: 'provider-simulator', entry: 'dist/apps/provider-simulator/src/main.js', httpPort: 8090, simulator: true, followsRunClock: true },
  { name: 'dip-simulator', entry: 'dist/apps/dip-simulator/src/main.js', httpPort: 8091, simulator: true },
];
