import { Clock } from '@halfhour/domain';
import { reclaimSpace } from '@halfhour/persistence';
import { DataSource } from 'typeorm';

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
 * scheduler's backstop sends a new attempt. Rows older than the retention are swept.
 */
export class CommandRecord {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly retentionHours: number,
  ) {}

  async claim(commandIds: readonly string[]): Promise<CommandClaims> {
    const ids = [...new Set(commandIds)];
    if (ids.length === 0) return { fresh: new Set(), published: new Set(), interrupted: new Set() };
    const rows: { command_id: string; fresh: boolean; published: boolean }[] = await this.dataSource.query(
      `WITH claimed AS (
         INSERT INTO read_command_record (command_id, claimed_at)
         SELECT id, $2 FROM unnest($1::text[]) AS id
         ON CONFLICT DO NOTHING
         RETURNING command_id)
       SELECT id AS command_id, claimed.command_id IS NOT NULL AS fresh, r.published_at IS NOT NULL AS published
       FROM unnest($1::text[]) AS id
       LEFT JOIN claimed ON claimed.command_id = id
       LEFT JOIN read_command_record r ON r.command_id = id`,
      [ids, this.clock.now()],
    );
    const claims = { fresh: new Set<string>(), published: new Set<string>(), interrupted: new Set<string>() };
    for (const row of rows) (row.fresh ? claims.fresh : row.published ? claims.published : claims.interrupted).add(row.command_id);
    return claims;
  }

  async markPublished(commandIds: readonly string[]): Promise<void> {
    if (commandIds.length === 0) return;
    await this.dataSource.query(`UPDATE read_command_record SET published_at = $2 WHERE command_id = ANY($1::text[]) AND published_at IS NULL`, [
      [...new Set(commandIds)],
      this.clock.now(),
    ]);
  }

  /** Deletes records past the retention, a bounded chunk per statement so no sweep holds locks for long. */
  async sweep(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - this.retentionHours * 3_600_000);
    let swept = 0;
    for (;;) {
      const [, count]: [unknown, number] = await this.dataSource.query(
        `DELETE FROM read_command_record WHERE command_id IN (
           SELECT command_id FROM read_command_record WHERE claimed_at < $1 LIMIT 10000)`,
        [before],
      );
      swept += count;
      if (count < 10_000) {
        if (swept > 0) await reclaimSpace(this.dataSource, 'read_command_record');
        return swept;
      }
    }
  }
}
