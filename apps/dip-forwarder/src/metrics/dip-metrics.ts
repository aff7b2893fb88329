import { METRICS_REGISTRY } from '@halfhour/observability';
import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

@Injectable()
export class DipMetrics {
  readonly messages: Counter<'outcome'>;
  readonly backlog: Gauge;
  readonly backlogOldest: Gauge;
  readonly callSeconds: Histogram<'status'>;
  readonly responses: Counter<'code'>;
  readonly dataAnswers: Counter<'route'>;
  readonly relayPhaseSeconds: Histogram<'phase'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    const registers = [registry];
    this.messages = new Counter({
      name: 'halfhour_dip_messages_total',
      help: 'MPAN-day messages by outcome: delivered, retried (a failed try), refused (a terminal 4xx), queued.',
      labelNames: ['outcome'],
      registers,
    });
    this.backlog = new Gauge({ name: 'halfhour_dip_backlog_messages', help: 'MPAN-days waiting for delivery to the DIP.', registers });
    this.backlogOldest = new Gauge({ name: 'halfhour_dip_backlog_oldest_seconds', help: 'Age of the oldest MPAN-day waiting for delivery.', registers });
    this.callSeconds = new Histogram({
      name: 'halfhour_dip_call_seconds',
      help: 'DIP call latency by answer: accepted, refused (the data, final), or why it failed: unauthorised, throttled, timeout, unavailable, network.',
      labelNames: ['status'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.relayPhaseSeconds = new Histogram({
      name: 'halfhour_dip_relay_phase_seconds',
      help: 'Where a relay round that found work spends its time: lease (taking pending MPAN-days), calls (every DIP call of the round), record (writing their outcomes).',
      labelNames: ['phase'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.responses = new Counter({ name: 'halfhour_dip_user_responses_total', help: 'Responses sent to users, by response code; one sent again under its own message ID (after a restart) counts again.', labelNames: ['code'], registers });
    this.dataAnswers = new Counter({
      name: 'halfhour_dip_data_answers_total',
      help: 'Answers with data by where the data went (routeData): dip (settlement: the answer names the DIP reference) or requester (the user\'s own: the answer carries the values).',
      labelNames: ['route'],
      registers,
    });
  }
}
