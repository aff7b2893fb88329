import { EntityManager } from 'typeorm';

/**
 * The number the inbox keeps a consumer group's claims under, the group added on first use. Looked
 * up on every call, never remembered: a number read inside a transaction that later rolls back
 * may name nothing.
 */
export async function consumerGroupIdOf(manager: EntityManager, name: string): Promise<number> {
  const find = async () => ((await manager.query(`SELECT id FROM inbox_consumer_groups WHERE name = $1`, [name])) as { id: number }[])[0]?.id;
  const found = await find();
  if (found !== undefined) return found;
  const added = ((await manager.query(`INSERT INTO inbox_consumer_groups (name) VALUES ($1) ON CONFLICT (name) DO NOTHING RETURNING id`, [name])) as { id: number }[])[0]?.id;
  // Not added: another replica added it first, and has committed (the insert waited for it), so it can be read now.
  const id = added ?? (await find());
  if (id === undefined) throw new Error(`consumer group ${name} is neither in the inbox nor could be added`);
  return id;
}
