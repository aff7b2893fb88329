import { IsIn, IsInt, IsIP, IsISO8601, IsNumber, IsOptional, Matches, Max, Min } from 'class-validator';

/** SIMULATOR: plays the CSPs and S1SPs for tests and the local stack. Never a production service. */
export class SimulatorConfig {
  /** Loopback on a developer's machine; the image sets 0.0.0.0. */
  @IsIP()
  HTTP_HOST = '127.0.0.1';

  @IsInt() @Min(0) @Max(65535)
  HTTP_PORT = 8090;

  /** The providers played, comma-separated. */
  @Matches(/^[A-Z0-9-]+(,[A-Z0-9-]+)*$/)
  PROVIDERS = 'CSP-NORTH,CSP-CENTRAL,CSP-SOUTH,S1SP-A,S1SP-B';

  /** The length of a slot of its capacity, as the scheduler's SLOT_MINUTES. */
  @IsInt() @Min(1) @Max(60)
  SLOT_MINUTES = 5;

  /**
   * As the services' (ServiceConfig): `stepped` keeps a run's time from CLOCK_SIMULATED_ORIGIN,
   * moved by the runner; `accelerated` runs from there at CLOCK_REAL_ORIGIN, CLOCK_SPEED times real time.
   */
  @IsIn(['system', 'stepped', 'accelerated'])
  CLOCK_MODE: 'system' | 'stepped' | 'accelerated' = 'system';

  @IsOptional() @IsISO8601()
  CLOCK_SIMULATED_ORIGIN?: string;

  @IsOptional() @IsISO8601()
  CLOCK_REAL_ORIGIN?: string;

  @IsNumber() @Min(0)
  CLOCK_SPEED = 1;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace'])
  LOG_LEVEL = 'info';
}
