import { IsIn, IsInt, IsIP, Max, Min } from 'class-validator';

/** SIMULATOR settings. */
export class DipSimulatorConfig {
  /** Loopback on a developer's machine; the image sets 0.0.0.0. */
  @IsIP()
  HTTP_HOST = '127.0.0.1';

  @IsInt() @Min(0) @Max(65535)
  HTTP_PORT = 8091;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace'])
  LOG_LEVEL = 'info';
}
