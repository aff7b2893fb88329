import { DatabaseServiceConfig } from '@halfhour/observability';
import { IsInt, Max, Min } from 'class-validator';

export class RegistrationIntakeConfig extends DatabaseServiceConfig {
  override SERVICE_NAME = 'registration-intake';
  override HTTP_PORT = 8081;
  override DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/registration_intake';


  override MAX_BATCH_SIZE = 1000;

  /** How often changed timelines are published to the compacted topic. */
  @IsInt() @Min(10)
  TIMELINE_RELAY_INTERVAL_MS = 200;

  /** Timelines per publish. Smaller batches measured faster in bench:intake (500: ~8,400–9,200
   * messages/s; 2,000: ~7,400/s; 5,000: ~7,500/s), as the relay then competes less with the consumers. */
  @IsInt() @Min(1) @Max(10_000)
  TIMELINE_RELAY_BATCH_SIZE = 500;

  /** How often the registry-size gauges are recounted (a full scan of the registry). */
  @IsInt() @Min(1000)
  REGISTRY_METRICS_INTERVAL_MS = 60_000;

}
