import { inboxRetention, RetentionRule } from '@halfhour/persistence';
import { DipForwarderConfig } from '../dip-forwarder.config';

/**
 * What the forwarder keeps, and for how long: MPAN-days the DIP accepted or refused,
 * DIP_RETENTION_DAYS after they finished; inbox claims. Nothing still to deliver is ever old enough.
 */
export function dipForwarderRetention(config: DipForwarderConfig): RetentionRule[] {
  return [
    { table: 'dip_outbox', olderThan: 'finished_at', keepDays: config.DIP_RETENTION_DAYS, finished: "state IN ('DELIVERED', 'REFUSED')" },
    inboxRetention(config.INBOX_RETENTION_DAYS),
  ];
}
