import { RequestPurpose } from '@halfhour/domain';
import { DataSource, EntityManager } from 'typeorm';
import { analyzeIfStale } from '@halfhour/persistence';

export interface ScheduleRow {
  dspScheduleId: string;
  userId: string;
  mpid: string;
  role: string;
  mpan: string;
  deviceId: string;
  srv: string;
  frequency: string;
  startDate: string;
  endDate: string | null;
  requestId: string;
  createdAt: Date;
  purpose: RequestPurpose;
  /** The schedule's number, by which its items name it as their requester (StoredRequester). */
  ref: string;
}

/** A schedule as created: its ref is the database's to give. */
export type NewSchedule = Omit<ScheduleRow, 'ref'>;

const COLUMNS = `dsp_schedule_id AS "dspScheduleId", user_id AS "userId", mpid, role, mpan, device_id AS "deviceId", srv, frequency,
  start_date::text AS "startDate", end_date::text AS "endDate", request_id AS "requestId", created_at AS "createdAt", purpose, ref::text AS ref`;

type Runner = DataSource | EntityManager;

export class ScheduleRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Idempotent by DSPScheduleID (derived from the request message), so a redelivered 5.1 creates nothing new. */
  async create(runner: Runner, schedules: readonly NewSchedule[]): Promise<void> {
    if (schedules.length === 0) return;
    await runner.query(
      `INSERT INTO schedules (dsp_schedule_id, user_id, mpid, role, mpan, device_id, srv, frequency, start_date, end_date, request_id, created_at, purpose)
       SELECT s."dspScheduleId", s."userId", s.mpid, s.role, s.mpan, s."deviceId", s.srv, s.frequency, s."startDate"::date, s."endDate"::date, s."requestId", s."createdAt", s.purpose
       FROM jsonb_to_recordset($1::jsonb) AS s("dspScheduleId" text, "userId" text, mpid text, role text, mpan text, "deviceId" text, srv text,
         frequency text, "startDate" text, "endDate" text, "requestId" text, "createdAt" timestamptz, purpose text)
       ON CONFLICT (dsp_schedule_id) DO NOTHING`,
      [JSON.stringify(schedules)],
    );
  }

  /**
   * The schedules that read a given day of data, a page of `mpans` MPANs at a time in MPAN order
   * from the first after `afterMpan`, each MPAN's schedules in one page (by DSPScheduleID): what the daily plan and the forecast read,
   * so neither holds the day's schedules whole; the table's statistics gathered first if stale (analyzeIfStale).
   */
  async *activeInPages(dataDay: string, mpans: number, runner: Runner = this.dataSource, afterMpan = ''): AsyncGenerator<ScheduleRow[]> {
    await analyzeIfStale(runner, 'schedules');
    const running = 'stopped_at IS NULL AND start_date <= $1 AND (end_date IS NULL OR end_date >= $1)';
    for (let after = afterMpan; ; ) {
      const page: ScheduleRow[] = await runner.query(
        `SELECT ${COLUMNS} FROM schedules WHERE ${running} AND mpan IN (
           SELECT DISTINCT mpan FROM schedules WHERE ${running} AND mpan > $2 ORDER BY mpan LIMIT $3)
         ORDER BY mpan, dsp_schedule_id`,
        [dataDay, after, mpans],
      );
      if (page.length === 0) return;
      yield page;
      after = page[page.length - 1].mpan;
    }
  }

  async ofUser(runner: Runner, userId: string, dspScheduleId?: string): Promise<(ScheduleRow & { stoppedReason: string | null })[]> {
    return runner.query(
      `SELECT ${COLUMNS}, stopped_reason AS "stoppedReason" FROM schedules WHERE user_id = $1 AND ($2::text IS NULL OR dsp_schedule_id = $2)`,
      [userId, dspScheduleId ?? null],
    );
  }

  /** Stops schedules (deleted by their user, or no longer entitled); returns those that were running. */
  async stop(runner: Runner, ids: readonly string[], reason: string, at: Date, userId?: string): Promise<ScheduleRow[]> {
    if (ids.length === 0) return [];
    // TypeORM answers an UPDATE with [rows, affected].
    const [rows] = await runner.query(
      `UPDATE schedules SET stopped_at = $2, stopped_reason = $3
       WHERE dsp_schedule_id = ANY($1::text[]) AND stopped_at IS NULL AND ($4::text IS NULL OR user_id = $4) RETURNING ${COLUMNS}`,
      [[...new Set(ids)], at, reason, userId ?? null],
    );
    return rows;
  }
}
