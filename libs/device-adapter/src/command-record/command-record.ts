import { ReadCommand } from '@halfhour/contracts';
import { Clock } from '@halfhour/domain';
import { DayPartitions, RetentionSweeper } from '@halfhour/persistence';
import { DataSource } from 'typeorm';

/** What the record knows a command by: its ID, and the plan day whose partition holds it. */
export type CommandRef = Pick<ReadCommand, 'commandId' | 'planDay'>;

/** What the record says about a batch's commands. */
export interface CommandClaims {
  /** Never seen: read them. */
  readonly fresh: ReadonlySet<string>;
  /** Read and their results published before: nothing more to do. */
  readonly published: ReadonlySet<string>;
  /** Claimed by an earlier delivery that never published (a crash, or a batch taken away mid-read). */
  readonly interrupted: ReadonlySet<string>;
}

/**
 * The adapter's memory of the commands it has taken up, so that a redelivered command (after a
 * crash or a rebalance) never costs a second provider call: a command is claimed before its read
 * and marked published after its result is on the topic. A command claimed but never published
 * may or may not have reached its meter; it is answered as failed, never read again, and the
 * scheduler's backstop sends a new attempt. The record is partitioned by the commands' plan days;
 * retention drops a plan day whole once it is older than the retention.
 */
export class CommandRecord {
  private readonly partitions: DayPartitions;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly retentionHours: number,
  ) {
    this.partitions = new DayPartitions(dataSource, 'read_command_record');
  }

  async claim(commands: readonly CommandRef[]): Promise<CommandClaims> {
    const unique = [...new Map(commands.map((c) => [c.commandId, c])).values()];
    if (unique.length === 0) return { fresh: new Set(), published: new Set(), interrupted: new Set() };
    await this.partitions.ensure(unique.map((c) => c.planDay));
    const rows: { command_id: string; fresh: boolean; published: boolean }[] = await this.dataSource.query(
      `WITH claimed AS (
         INSERT INTO read_command_record (plan_day, command_id, claimed_at)
         SELECT day, id, $3 FROM unnest($1::date[], $2::text[]) AS c(day, id)
         ON CONFLICT DO NOTHING
         RETURNING command_id)
       SELECT c.id AS command_id, claimed.command_id IS NOT NULL AS fresh, r.published_at IS NOT NULL AS published
       FROM unnest($1::date[], $2::text[]) AS c(day, id)
       LEFT JOIN claimed ON claimed.command_id = c.id
       LEFT JOIN read_command_record r ON r.plan_day = c.day AND r.command_id = c.id`,
      [unique.map((c) => c.planDay), unique.map((c) => c.commandId), this.clock.now()],
    );
    const claims = { fresh: new Set<string>(), published: new Set<string>(), interrupted: new Set<string>() };
    for (const row of rows) (row.fresh ? claims.fresh : row.published ? claims.published : claims.interrupted).add(row.command_id);
    return claims;
  }

  async markPublished(commands: readonly CommandRef[]): Promise<void> {
    const unique = [...new Map(commands.map((c) => [c.commandId, c])).values()];
    if (unique.length === 0) return;
    await this.dataSource.query(
      `UPDATE read_command_record AS r SET published_at = $3 FROM unnest($1::date[], $2::text[]) AS c(day, id)
       WHERE r.plan_day = c.day AND r.command_id = c.id AND r.published_at IS NULL`,
      [unique.map((c) => c.planDay), unique.map((c) => c.commandId), this.clock.now()],
    );
  }

  /**
   * Drops the plan days past the retention whose commands were all claimed before it too (a command
   * of an old plan day taken up today keeps its day, so its redelivery is still known); returns
   * their partitions.
   */
  async sweep(): Promise<string[]> {
    const keepDays = Math.ceil(this.retentionHours / 24);
    const rule = { table: 'read_command_record', keepDays, inFlight: 'false', finishedAt: 'claimed_at' };
    const outcome = await new RetentionSweeper(this.dataSource, [], [rule], this.clock).sweep();
    return outcome.droppedPartitions.read_command_record ?? [];
  }
}
