import { addDays, CalendarDate, Clock, settlementDayOf } from '@halfhour/domain';
import { DataSource } from 'typeorm';
import { reclaimSpace } from './reclaim-space';
import { PartitionRetentionRule, RETENTION_BATCH_ROWS, RetentionRule } from './retention-rule';

export interface RetentionOutcome {
  /** Rows deleted, and whole-day partitions dropped, per table. */
  deleted: Record<string, number>;
  droppedPartitions: Record<string, string[]>;
  /** Old partitions kept because a row in them is still in flight. */
  keptInFlight: Record<string, string[]>;
}

const PARTITION_NAME = /_p(\d{4})(\d{2})(\d{2})$/;
/** How long a drop waits for the partitioned table; busy for longer, it tries again next time. */
const PARTITION_LOCK_TIMEOUT = '5s';

/**
 * Applies a service's retention rules: batched deletes for ordinary tables (then their space
 * reclaimed for reuse), whole partitions for tables partitioned by day. Safe to run on several replicas at once (a row is deleted once; a
 * partition dropped by another replica is simply gone) and again after a crash.
 */
export class RetentionSweeper {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rules: readonly RetentionRule[],
    private readonly partitionRules: readonly PartitionRetentionRule[],
    private readonly clock: Clock,
  ) {}

  async sweep(): Promise<RetentionOutcome> {
    const outcome: RetentionOutcome = { deleted: {}, droppedPartitions: {}, keptInFlight: {} };
    const now = this.clock.now();
    for (const rule of this.rules) {
      outcome.deleted[rule.table] = await this.deleteOld(rule, new Date(now.getTime() - rule.keepDays * 86_400_000));
      if (outcome.deleted[rule.table] > 0) await reclaimSpace(this.dataSource, rule.table);
    }
    for (const rule of this.partitionRules) {
      const { dropped, kept } = await this.dropOldPartitions(rule, addDays(settlementDayOf(now), -rule.keepDays), new Date(now.getTime() - rule.keepDays * 86_400_000));
      outcome.droppedPartitions[rule.table] = dropped;
      outcome.keptInFlight[rule.table] = kept;
    }
    return outcome;
  }

  private async deleteOld(rule: RetentionRule, before: Date): Promise<number> {
    let deleted = 0;
    for (;;) {
      const [, count]: [unknown, number] = await this.dataSource.query(
        `DELETE FROM "${rule.table}" WHERE ctid = ANY(ARRAY(
           SELECT ctid FROM "${rule.table}" WHERE "${rule.olderThan}" < $1${rule.finished ? ` AND (${rule.finished})` : ''} LIMIT ${RETENTION_BATCH_ROWS}))`,
        [before],
      );
      deleted += count;
      if (count < RETENTION_BATCH_ROWS) return deleted;
    }
  }

  /** Drops the partitions of days before `firstKept` with nothing in flight or finished since `finishedSince`, each in its own transaction. */
  private async dropOldPartitions(rule: PartitionRetentionRule, firstKept: CalendarDate, finishedSince: Date): Promise<{ dropped: string[]; kept: string[] }> {
    const partitions: { name: string }[] = await this.dataSource.query(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
       WHERE p.relname = $1 ORDER BY c.relname`,
      [rule.table],
    );
    const dropped: string[] = [];
    const kept: string[] = [];
    for (const { name } of partitions) {
      const day = PARTITION_NAME.exec(name);
      if (!day || `${day[1]}-${day[2]}-${day[3]}` >= firstKept) continue;
      const gone = await this.dataSource.transaction(async (manager): Promise<boolean | 'ALREADY_GONE'> => {
        // The parent first (every query of it locks its partitions), waiting at most a few
        // seconds: the in-flight check and the drop are then one step, and no deadlock is possible.
        await manager.query(`SET LOCAL lock_timeout = '${PARTITION_LOCK_TIMEOUT}'`);
        await manager.query(`LOCK TABLE "${rule.table}" IN ACCESS EXCLUSIVE MODE`);
        const [{ exists }] = await manager.query('SELECT to_regclass($1) IS NOT NULL AS exists', [`"${name}"`]);
        // Another replica dropped it first.
        if (!exists) return 'ALREADY_GONE';
        const recent = rule.finishedAt ? ` OR "${rule.finishedAt}" >= $1` : '';
        if ((await manager.query(`SELECT 1 FROM "${name}" WHERE (${rule.inFlight})${recent} LIMIT 1`, rule.finishedAt ? [finishedSince] : [])).length > 0) return false;
        await manager.query(`ALTER TABLE "${rule.table}" DETACH PARTITION "${name}"`);
        await manager.query(`DROP TABLE "${name}"`);
        return true;
      });
      if (gone === true) dropped.push(name);
      else if (gone === false) kept.push(name);
    }
    return { dropped, kept };
  }
}
