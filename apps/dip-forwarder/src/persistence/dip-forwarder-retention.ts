import { inboxRetention, PartitionRetentionRule, RetentionRule } from '@halfhour/persistence';
import { DipForwarderConfig } from '../dip-forwarder.config';

/**
 * What the forwarder keeps, and for how long: a settlement day's MPAN-days (a partition), dropped
 * whole DIP_RETENTION_DAYS after the day once none is pending and none finished within as long
 * (a late read of an old day keeps it); inbox claims. Nothing still to deliver is ever old enough.
 */
export function dipForwarderRetention(config: DipForwarderConfig): { rules: RetentionRule[]; partitionRules: PartitionRetentionRule[] } {
  return {
    rules: [inboxRetention(config.INBOX_RETENTION_DAYS)],
    partitionRules: [{ table: 'dip_outbox', keepDays: config.DIP_RETENTION_DAYS, inFlight: "state = 'PENDING'", finishedAt: 'finished_at' }],
  };
}
