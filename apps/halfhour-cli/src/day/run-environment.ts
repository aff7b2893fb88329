import { DayTimeline } from './day-timeline';

/**
 * On-demand reads of the day get this TRT (simulated seconds) rather than the existing 30 s. The
 * scheduler meets 30 s where the provider's slot under way has room (the on-demand lane), and
 * refuses a read at once (E43) where it has none; the population's expected answers allow for
 * neither a refusal nor which slots are full, so the day keeps hours of room for its reads.
 */
const DAY_ON_DEMAND_TRT_SECONDS = 3 * 3600;

/**
 * Settings every service gets in a run beside the clock. On the stepped clock, time-based settings
 * keep their production meaning: time stands still while the system works. A free-running clock
 * (the benchmark) scales the settings meant for real time so they last about as long in real
 * seconds as in production: at ×480 a 60-second request age would be 125 ms.
 */
export function runEnvironment(timeline: DayTimeline, topicPrefix: string, providerCapacity: string, simulatorUrls: { providers: string; dip: string }): Record<string, string> {
  const freeRunning = (realSeconds: number) => String(Math.round(realSeconds * timeline.speed));
  return {
    ...timeline.clockEnvironment(),
    KAFKA_TOPIC_PREFIX: topicPrefix,
    // access-control
    EXISTING_ON_DEMAND_TRT_SECONDS: String(DAY_ON_DEMAND_TRT_SECONDS),
    ...(timeline.stepped ? {} : { REQUEST_MAX_AGE_SECONDS: freeRunning(60), NO_RESPONSE_AFTER_SECONDS: freeRunning(20), DEADLINE_MARGIN_SECONDS: freeRunning(8) }),
    // scheduler
    PROVIDER_CAPACITY: providerCapacity,
    TICK_INTERVAL_MS: '200',
    GAUGES_INTERVAL_MS: '1000',
    // registration-intake
    // A full scan of the registry (2.6 s of PostgreSQL at 200,000 MPANs): often enough to see the registry loaded, no more.
    REGISTRY_METRICS_INTERVAL_MS: '10000',
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
