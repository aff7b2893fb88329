import { Topics, withTopicPrefix } from '@halfhour/contracts';
import { decodeMessage, TransientFailure } from '@halfhour/kafka';
import { setTimeout as sleep } from 'node:timers/promises';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext } from '@nestjs/microservices';
import { AccessControlRuntime } from '../access-control.runtime';

/** The topic as the stock transport subscribes to it: a decorator argument, fixed when this file loads. */
const REQUESTS_TOPIC = withTopicPrefix(Topics.serviceRequests, process.env.KAFKA_TOPIC_PREFIX ?? '').name;

/**
 * BENCHMARK BASELINE, not for production (REQUEST_CONSUMER=nest-event-pattern): service requests
 * consumed the stock NestJS way, one message per @EventPattern call on ServerKafka, each decided as
 * a batch of one by the same handler the batch runner feeds.
 */
@Controller()
export class StockRequestsController {
  constructor(private readonly runtime: AccessControlRuntime) {}

  @EventPattern(REQUESTS_TOPIC)
  async onRequest(@Ctx() context: KafkaContext): Promise<void> {
    const raw = context.getMessage();
    const decoded = decodeMessage(Topics.serviceRequests, {
      topic: context.getTopic(), partition: context.getPartition(), offset: raw.offset, key: raw.key, value: raw.value, headers: raw.headers ?? {},
    });
    if (!decoded.ok) return;
    // Waits out what must pass (views still loading), as a hand-written handler would; anything else is Nest's to log.
    for (;;) {
      try {
        await this.runtime.requestsHandler.handleBatch([decoded.message]);
        return;
      } catch (error) {
        if (!(error instanceof TransientFailure)) throw error;
        await sleep(100);
      }
    }
  }
}
