import { DayTimeline } from './day-timeline';

/**
 * Settings every service gets in a run beside the clock. Time-based settings meant for real time
 * are scaled so they last about as long in real seconds as they would in production: at 480× a
 * 30-second on-demand TRT would be 60 ms.
 */
export function runEnvironment(timeline: DayTimeline, topicPrefix: string, providerCapacity: string, simulatorUrls: { providers: string; dip: string }): Record<string, string> {
  const simulated = (realSeconds: number) => String(timeline.simulatedSeconds(realSeconds));
  return {
    ...timeline.clockEnvironment(),
    KAFKA_TOPIC_PREFIX: topicPrefix,
    LOG_LEVEL: 'warn',
    // access-control
    REQUEST_MAX_AGE_SECONDS: simulated(60),
    EXISTING_ON_DEMAND_TRT_SECONDS: simulated(20),
    // scheduler
    PROVIDER_CAPACITY: providerCapacity,
    TICK_INTERVAL_MS: '200',
    GAUGES_INTERVAL_MS: '1000',
    NO_RESPONSE_AFTER_SECONDS: simulated(20),
    DEADLINE_MARGIN_SECONDS: simulated(8),
    // registration-intake
    REGISTRY_METRICS_INTERVAL_MS: '1000',
    TIMELINE_RELAY_INTERVAL_MS: '100',
    // adapters
    PROVIDER_URLS: `*=${simulatorUrls.providers}`,
    CALL_TIMEOUT_MS: '2000',
    BREAKER_HALF_OPEN_AFTER_MS: '3000',
    // dip-forwarder
    DIP_URL: simulatorUrls.dip,
    RELAY_INTERVAL_MS: '100',
  };
}
