import { IsIn, IsInt, IsIP, IsNotEmpty, IsNumber, IsString, Matches, Max, Min } from 'class-validator';
import { ProductionRequires } from './production-requires.decorator';
import { Sensitive } from './sensitive.decorator';

/** Settings every Halfhour service has. A service extends this with its own. */
export class ServiceConfig {
  /**
   * `production` (the container image sets it) turns development conveniences into refusals to
   * start: a simulated clock, fault injection, and each service's own (e.g. the forwarder's
   * throwaway signing key and a plain-http DIP). Jest sets `test`.
   */
  @IsIn(['development', 'test', 'production'])
  NODE_ENV = 'development';

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
   * Bearer tokens (comma-separated, each at least 32 characters; two during a rotation) that the
   * operator API — every HTTP endpoint but health, metrics and the simulation clock — asks for.
   * Empty: the API is open (development only).
   */
  @Sensitive() @Matches(/^([\x21-\x2b\x2d-\x7e]{32,}(,[\x21-\x2b\x2d-\x7e]{32,})*)?$/, { message: 'must be empty or comma-separated tokens of at least 32 printable characters' })
  @ProductionRequires((tokens) => typeof tokens === 'string' && tokens !== '', 'set (from a Secret)')
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
