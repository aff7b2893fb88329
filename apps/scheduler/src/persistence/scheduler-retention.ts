import { FINAL_ITEM_STATES } from '@halfhour/domain';
import { inboxRetention, PartitionRetentionRule, RetentionRule } from '@halfhour/persistence';
import { SchedulerConfig } from '../scheduler.config';

/**
 * What the scheduler keeps, and for how long: each plan day's items (a partition) for
 * ITEMS_RETENTION_DAYS after the day, dropped whole once every item in it has finished; inbox
 * claims. Schedules, plans and the capacity audit are small and kept.
 */
export function schedulerRetention(config: SchedulerConfig): { rules: RetentionRule[]; partitionRules: PartitionRetentionRule[] } {
  const finished = FINAL_ITEM_STATES.map((state) => `'${state}'`).join(', ');
  return {
    rules: [inboxRetention(config.INBOX_RETENTION_DAYS)],
    partitionRules: [{ table: 'collection_items', keepDays: config.ITEMS_RETENTION_DAYS, inFlight: `state NOT IN (${finished})` }],
  };
}
