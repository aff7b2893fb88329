import { METRICS_REGISTRY } from '@halfhour/observability';
import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Registry } from 'prom-client';

export type RegistrationOutcome = 'applied' | 'duplicate' | 'rejected';

@Injectable()
export class RegistrationMetrics {
  readonly messages: Counter<'type' | 'outcome'>;
  readonly appointedMpans: Gauge;
  readonly hhPermittedMpans: Gauge;
  readonly mpans: Gauge;
  readonly devices: Gauge<'generation' | 'provider'>;
  readonly unpublishedTimelines: Gauge;

  /** One increment per (type, outcome) for a whole batch, not one per message. */
  countMessages(outcomes: readonly { type: string; outcome: RegistrationOutcome }[]): void {
    const totals = new Map<string, { type: string; outcome: RegistrationOutcome; n: number }>();
    for (const { type, outcome } of outcomes) {
      const key = `${type}\u0000${outcome}`;
      const total = totals.get(key) ?? { type, outcome, n: 0 };
      total.n++;
      totals.set(key, total);
    }
    for (const { type, outcome, n } of totals.values()) this.messages.inc({ type, outcome }, n);
  }

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    const registers = [registry];
    this.messages = new Counter({
      name: 'halfhour_registration_messages_total',
      help: 'Registration messages by message type and outcome (applied, duplicate, rejected).',
      labelNames: ['type', 'outcome'],
      registers,
    });
    this.mpans = new Gauge({ name: 'halfhour_registry_mpans', help: 'MPANs in the registry.', registers });
    this.appointedMpans = new Gauge({ name: 'halfhour_registry_appointed_mpans', help: 'MPANs with an MDR appointed today.', registers });
    this.hhPermittedMpans = new Gauge({
      name: 'halfhour_registry_hh_permitted_mpans',
      help: 'MPANs whose consent permits half-hourly data today.',
      registers,
    });
    this.devices = new Gauge({
      name: 'halfhour_registry_devices',
      help: 'Meters serving an MPAN today, by SMETS generation and provider (CSP region or S1SP).',
      labelNames: ['generation', 'provider'],
      registers,
    });
    this.unpublishedTimelines = new Gauge({
      name: 'halfhour_registry_unpublished_timelines',
      help: 'Changed timelines not yet published to the compacted topic.',
      registers,
    });
  }
}
