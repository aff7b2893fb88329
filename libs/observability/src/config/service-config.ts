import { IsIn, IsInt, IsIP, IsNotEmpty, IsNumber, IsString, Matches, Max, Min } from 'class-validator';
import { ProductionRequires } from './production-requires.decorator';
import { Sensitive } from './sensitive.decorator';

/** Settings every Halfhour service has. A service extends this with its own. */
export class ServiceConfig {
  /**
   * `production`, the default: development conveniences are refusals to start — an open operator
   * API, plaintext Kafka, PostgreSQL without verified TLS, a simulated clock, fault injection, and
   * each service's own (e.g. the forwarder's throwaway signing key and a plain-http DIP). A service
   * is in development only when asked (`NODE_ENV=development`: the project's local stack and
   * docker-compose ask; Jest sets `test`), so one started by hand outside them is never left open.
   */
  @IsIn(['development', 'test', 'production'])
  NODE_ENV = 'production';

  @IsString() @IsNotEmpty()
  SERVICE_NAME = 'halfhour';

  @IsInt() @Min(0) @Max(65535)
  HTTP_PORT = 3000;

  /** The address HTTP listens on: loopback on a developer's machine; the image sets 0.0.0.0 for its pod or container network. */
  @IsIP()
  HTTP_HOST = '127.0.0.1';

  /**
   * Where `/metrics` and `/health/*` are served, apart from the operator API, so that Prometheus
   * and the probes reach a port that carries no data (the image sets 9090). 0: on HTTP_PORT with
   * everything else (a developer's machine, tests).
   */
  @IsInt() @Min(0) @Max(65535)
  MANAGEMENT_PORT = 0;

  @Sensitive() @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/halfhour';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace'])
  LOG_LEVEL = 'info';

  /**
   * Where the operator API's clients' tokens are (libs/observability operator-credentials.ts): one
   * directory per client, `<name>/token` and `<name>/scope` (`read` or `write`), as one Secret per
   * client mounts; read again every 10 s, so a rotation needs no restart. The operator API is every
   * HTTP endpoint but health, metrics and the simulation clock.
   */
  @ProductionRequires((directory) => typeof directory === 'string' && directory !== '', 'set (one Secret per client, mounted as files)')
  OPERATOR_TOKENS_DIR = '';

  /**
   * Development and tests: tokens in the environment, comma-separated, each `name:scope:token` or a
   * bare token (the `operator`, write scope), at least 32 characters. Both settings empty: the API
   * is open (development only). In production secrets are files, never environment variables.
   */
  @Sensitive() @Matches(/^([\x21-\x2b\x2d-\x7e]{32,}(,[\x21-\x2b\x2d-\x7e]{32,})*)?$/, { message: 'must be empty or comma-separated tokens of at least 32 printable characters' })
  @ProductionRequires((tokens) => tokens === '', 'empty (tokens come from OPERATOR_TOKENS_DIR files)')
  OPERATOR_API_TOKENS = '';

  /**
   * Where the time comes from (libs/domain time/clock.ts). `system`: the real clock (production).
   * `stepped`: simulation; the clock stands at CLOCK_SIMULATED_ORIGIN until the run's runner moves
   * it through /simulation/clock, which it does once the whole system has settled. `accelerated`:
   * a free-running demo or benchmark clock, CLOCK_SIMULATED_ORIGIN at the real instant
   * CLOCK_REAL_ORIGIN, CLOCK_SPEED times faster than real time, the same in every process.
   */
  @IsIn(['system', 'stepped', 'accelerated'])
  @ProductionRequires((mode) => mode === 'system', '"system" (the real clock)')
  CLOCK_MODE = 'system';

  @IsNumber() @Min(0.001) @Max(100_000)
  CLOCK_SPEED = 1;

  @Matches(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z)?$/, { message: 'must be empty or a UTC instant, e.g. 2026-12-01T00:00:00Z' })
  CLOCK_SIMULATED_ORIGIN = '';

  @Matches(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z)?$/, { message: 'must be empty or a UTC instant, e.g. 2026-11-28T15:00:00Z' })
  CLOCK_REAL_ORIGIN = '';

  /** How long a SIGTERM drain may take before the process gives up and exits. */
  @IsInt() @Min(1000)
  SHUTDOWN_TIMEOUT_MS = 20_000;
}
