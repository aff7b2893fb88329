import { randomBytes } from 'node:crypto';

/** Names for topics, groups and databases that no other test or run shares. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}
