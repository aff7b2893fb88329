import { IsBoolean, IsInt, IsString, Max, Min } from 'class-validator';
import { ServiceConfig } from './service-config';

/** Settings every service that consumes Kafka into a database of its own has. Each sets its own defaults by overriding. */
export class ConsumingServiceConfig extends ServiceConfig {
  /** Consumer groups are this, dot, the topic's role (e.g. `scheduler.results`). */
  @IsString()
  CONSUMER_GROUP = 'halfhour';

  /** Most messages handled at once: in one pass and one database transaction. */
  @IsInt() @Min(1) @Max(10_000)
  MAX_BATCH_SIZE = 500;

  /** Partitions of one topic handled at the same time by this process. */
  @IsInt() @Min(1) @Max(64)
  PARTITIONS_CONSUMED_CONCURRENTLY = 3;

  /** Development convenience; in a cluster the migration Job runs first. */
  @IsBoolean()
  MIGRATE_ON_START = true;
}
