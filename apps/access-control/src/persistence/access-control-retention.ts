import { RetentionRule } from '@halfhour/persistence';
import { AccessControlConfig } from '../access-control.config';

/** The audit of decisions is what access-control keeps longest: AUDIT_RETENTION_DAYS after each decision. */
export function accessControlRetention(config: AccessControlConfig): RetentionRule[] {
  return [{ table: 'access_decisions', olderThan: 'decided_at', keepDays: config.AUDIT_RETENTION_DAYS }];
}
