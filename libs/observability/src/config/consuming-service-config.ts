import { IsBoolean, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { KafkaClientConfig } from './kafka-client-config';
import { ProductionRequires } from './production-requires.decorator';

/** Settings every service that consumes Kafka into a database of its own has. Each sets its own defaults by overriding. */
export class ConsumingServiceConfig extends KafkaClientConfig {
  /** Consumer groups are this, dot, the topic's role (e.g. `scheduler.results`); the service's name unless set. */
  @IsOptional()
  @IsString()
  CONSUMER_GROUP?: string;

  /** Most messages handled at once: in one pass and one database transaction. */
  @IsInt() @Min(1) @Max(10_000)
  MAX_BATCH_SIZE = 500;

  /** Partitions of one topic handled at the same time by this process. */
  @IsInt() @Min(1) @Max(64)
  PARTITIONS_CONSUMED_CONCURRENTLY = 3;

  /** How often the retention sweep deletes what is past its retention. */
  @IsInt() @Min(1)
  RETENTION_INTERVAL_MS = 3_600_000;

  /** How often the planner statistics of the tables that grow fast are checked, and gathered where a fifth is new. */
  @IsInt() @Min(10)
  PLANNER_STATISTICS_INTERVAL_MS = 15_000;

  /**
   * Days the inbox keeps a consumed message's claim: longer than the topics keep their messages
   * (7 days), so a redelivered message is always known.
   */
  @IsInt() @Min(1)
  INBOX_RETENTION_DAYS = 8;

  /**
   * Development convenience. In production only the migration Job migrates (before the rollout,
   * with the rights to change the schema), and a service started on an older schema waits for it.
   */
  @IsBoolean()
  @ProductionRequires((migrate) => migrate === false, 'false (the migration Job applies migrations)')
  MIGRATE_ON_START = true;

  /** The consumer group of one of the service's inputs, named by its role (`requests`, `timelines`, …). */
  consumerGroupFor(role: string): string {
    return `${this.CONSUMER_GROUP ?? this.SERVICE_NAME}.${role}`;
  }

  /** How the consumer of one input is set up: its group and batches as configured. */
  consumerFor(role: string): { groupId: string; maxBatchSize: number; partitionsConsumedConcurrently: number } {
    return { groupId: this.consumerGroupFor(role), maxBatchSize: this.MAX_BATCH_SIZE, partitionsConsumedConcurrently: this.PARTITIONS_CONSUMED_CONCURRENTLY };
  }
}
