/**
 * How long a store keeps its rows: those whose `olderThan` column (a timestamptz or date) is more
 * than `keepDays` before now, and that match `finished` — a constant SQL condition written in
 * code, never from input — are deleted. `finished` is what keeps work in flight: a row still owed
 * (an undelivered message, an unsent answer) is never old enough.
 */
export interface RetentionRule {
  table: string;
  olderThan: string;
  keepDays: number;
  finished?: string;
}

/**
 * A table partitioned by day (`<table>_pYYYYMMDD`, one partition per day): partitions of days more
 * than `keepDays` before today are detached and dropped whole, unless a row in one still matches
 * `inFlight` — then it is kept and reported, and looked at again next time — or, with
 * `finishedAt`, a row in it finished less than `keepDays` ago (late work on an old day is kept as
 * long as work of today).
 */
export interface PartitionRetentionRule {
  table: string;
  keepDays: number;
  inFlight: string;
  finishedAt?: string;
}

/** At most this many rows a statement, so no delete holds its locks for long. */
export const RETENTION_BATCH_ROWS = 10_000;
