import { IsIn, IsInt, Max, Min } from 'class-validator';

/** SIMULATOR settings. */
export class DipSimulatorConfig {
  @IsInt() @Min(0) @Max(65535)
  HTTP_PORT = 8091;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace'])
  LOG_LEVEL = 'info';
}
