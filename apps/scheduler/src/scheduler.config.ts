import { DEFAULT_BACKSTOP_DELAY, DEFAULT_CAPACITY, DEFAULT_OUTAGE_SETTINGS } from '@halfhour/domain';
import { MhhsPolicyConfig } from '@halfhour/service-kit';
import { IsInt, IsNumber, Matches, Max, Min } from 'class-validator';

export class SchedulerConfig extends MhhsPolicyConfig {
  override SERVICE_NAME = 'scheduler';
  override HTTP_PORT = 8083;
  override DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/scheduler';


  override MAX_BATCH_SIZE = 1000;

  /** R-SCH-4: slot length in minutes; a day's slots start at local midnight. */
  @IsInt() @Min(1) @Max(60)
  SLOT_MINUTES = DEFAULT_CAPACITY.slotMinutes;

  /** R-SCH-3: the local read window MHHS stays out of, HH:MM-HH:MM. */
  @Matches(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, { message: 'must be HH:MM-HH:MM, e.g. 00:00-06:00' })
  EXCLUDED_WINDOW = '00:00-06:00';

  /** Reads per slot per provider: `CSP-NORTH=60000,CSP-CENTRAL=80000,…`. */
  @Matches(/^([A-Z0-9-]+=\d+)(,[A-Z0-9-]+=\d+)*$/, { message: 'must be PROVIDER=reads,… e.g. CSP-NORTH=60000' })
  PROVIDER_CAPACITY = Object.entries(DEFAULT_CAPACITY.providers).map(([provider, c]) => `${provider}=${c.readsPerSlot}`).join(',');

  /** Reads per slot of any provider not named above (e.g. each S1SP). */
  @IsInt() @Min(0)
  OTHER_PROVIDER_READS_PER_SLOT = DEFAULT_CAPACITY.otherProviders.readsPerSlot;

  /** R-SCH-7: the share of every slot kept for business-as-usual and priority traffic. */
  @IsNumber() @Min(0) @Max(1)
  RESERVED_SHARE = DEFAULT_CAPACITY.otherProviders.reservedShare;

  /**
   * The share of every slot kept for on-demand reads and backstops, out of the MHHS share: the
   * daily plan's scheduled reads never use it, so an on-demand read finds room in the slot under
   * way and is dispatched at once.
   */
  @IsNumber() @Min(0) @Max(1)
  ON_DEMAND_SHARE = DEFAULT_CAPACITY.otherProviders.onDemandShare ?? 0;

  /** The share of a slot on-demand reads and backstops may use inside EXCLUDED_WINDOW (0: closed to them at night). */
  @IsNumber() @Min(0) @Max(1)
  NIGHT_ON_DEMAND_SHARE = DEFAULT_CAPACITY.otherProviders.nightOnDemandShare ?? 0;

  /** The share of every slot BAU schedules (service request version 2, purpose BAU) may use by day, out of RESERVED_SHARE. */
  @IsNumber() @Min(0) @Max(1)
  BAU_SHARE = DEFAULT_CAPACITY.otherProviders.bauShare ?? 0;

  /** The share of a slot BAU schedules may use inside EXCLUDED_WINDOW, their usual read window. */
  @IsNumber() @Min(0) @Max(1)
  NIGHT_BAU_SHARE = DEFAULT_CAPACITY.otherProviders.nightBauShare ?? 0;

  /**
   * Reads are planned to end this long before their deadline, leaving time for the answer and a
   * backstop (never more than half a read's window).
   */
  @IsInt() @Min(0)
  DEADLINE_MARGIN_SECONDS = 3600;

  /** Plan days ahead the demand forecast looks at (GET /forecast, halfhour_scheduler_forecast_short_reads). */
  @IsInt() @Min(1) @Max(31)
  FORECAST_DAYS = 7;

  /** How often the forecast is made. */
  @IsInt() @Min(1)
  FORECAST_INTERVAL_MS = 3_600_000;

  /** Days a plan day's items are kept after the day (its partition is dropped whole once all have finished). */
  @IsInt() @Min(1)
  ITEMS_RETENTION_DAYS = 7;

  /** A provider is held out after this many reads failed on it (circuit open, errors, timeouts) with none answered. */
  @IsInt() @Min(1)
  OUTAGE_AFTER_FAILURES = DEFAULT_OUTAGE_SETTINGS.failuresToDeclare;

  /** The share of its capacity planned for a provider while it is out: the reads that find it back. */
  @IsNumber() @Min(0) @Max(1)
  OUTAGE_CAPACITY_SHARE = DEFAULT_OUTAGE_SETTINGS.capacityShare;

  /** Clock seconds a failed read waits before its first backstop; each further failure doubles the wait. */
  @IsInt() @Min(0)
  BACKSTOP_FIRST_DELAY_SECONDS = DEFAULT_BACKSTOP_DELAY.firstMs / 1000;

  /** The longest a failed read waits for its backstop, however often it has failed. */
  @IsInt() @Min(0)
  BACKSTOP_MAX_DELAY_SECONDS = DEFAULT_BACKSTOP_DELAY.maxMs / 1000;

  /** How often (real ms) due items are dispatched, failures backstopped, and deadlines checked. */
  @IsInt() @Min(10)
  TICK_INTERVAL_MS = 1000;

  /** Items claimed per dispatch query. */
  @IsInt() @Min(1) @Max(100_000)
  DISPATCH_BATCH_SIZE = 5000;

  /** Clock seconds after which a dispatched read without an answer is failed and backstopped. */
  @IsInt() @Min(1)
  NO_RESPONSE_AFTER_SECONDS = 30 * 60;

  /** How often (real ms) the item gauges are recounted (a GROUP BY over the day's partitions). */
  @IsInt() @Min(100)
  GAUGES_INTERVAL_MS = 15_000;

  /**
   * How often (real ms) the outbox relay looks for commands and answers to publish when nothing
   * nudged it: it is nudged after every commit that wrote some, so this bounds only the delay
   * after a crash or a lost nudge.
   */
  @IsInt() @Min(10)
  OUTBOX_RELAY_INTERVAL_MS = 1000;
}
