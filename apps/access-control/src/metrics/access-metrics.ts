import { findServiceRequestVariant, MARKET_ROLES, MarketRole } from '@halfhour/domain';
import { METRICS_REGISTRY } from '@halfhour/observability';
import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export type ViewName = 'timelines' | 'users';

@Injectable()
export class AccessMetrics {
  readonly decisions: Counter<'outcome' | 'srv' | 'role'>;
  readonly refusals: Counter<'reason'>;
  readonly redelivered: Counter;
  readonly latency: Histogram;
  readonly viewUpdates: Counter<'view' | 'outcome'>;
  readonly viewAge: Gauge;
  readonly viewLag: Gauge;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    const registers = [registry];
    this.decisions = new Counter({
      name: 'halfhour_access_decisions_total',
      help: 'Service requests decided, by outcome (authorised, refused), SRV and role.',
      labelNames: ['outcome', 'srv', 'role'],
      registers,
    });
    this.refusals = new Counter({ name: 'halfhour_access_refusals_total', help: 'Refused service requests by reason.', labelNames: ['reason'], registers });
    this.redelivered = new Counter({
      name: 'halfhour_access_redelivered_requests_total',
      help: 'Request messages delivered again after their decision was stored; the stored decision was republished.',
      registers,
    });
    this.latency = new Histogram({
      name: 'halfhour_access_decision_latency_seconds',
      help: 'From the request message being published to its decision being published.',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    });
    this.viewUpdates = new Counter({
      name: 'halfhour_access_view_updates_total',
      help: 'Messages applied to the local registry and user views, by view and outcome (applied, stale).',
      labelNames: ['view', 'outcome'],
      registers,
    });
    this.viewAge = new Gauge({
      name: 'halfhour_access_registry_view_age_seconds',
      help: 'Seconds since the local registry view was last seen caught up with registration.mpan-timelines.1.',
      registers,
    });
    this.viewLag = new Gauge({
      name: 'halfhour_access_registry_view_lag_messages',
      help: 'Timeline messages published but not yet in the local registry view.',
      registers,
    });
  }

  /** SRV and role labels stay bounded: anything outside the catalogue counts as "other". */
  countDecision(outcome: 'authorised' | 'refused', srv: string, role: string, reason?: string): void {
    this.decisions.inc({ outcome, srv: findServiceRequestVariant(srv) ? srv : 'other', role: MARKET_ROLES.includes(role as MarketRole) ? role : 'other' });
    if (reason) this.refusals.inc({ reason });
  }
}
