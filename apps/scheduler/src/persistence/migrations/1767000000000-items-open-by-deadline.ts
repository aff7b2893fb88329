import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The open items by deadline, only the open ones: the scheduler asks every tick which items are
 * past their deadline, and answered it by reading every planned item of the day (the index by
 * state and slot cannot order by deadline) — a million rows every 200 ms on a national day, the
 * first thing the 1,000,000 bench found once the plan ran. Finished items leave the index. The
 * states are those an item can expire from (ITEM_TRANSITIONS.expire); PostgreSQL plans the query
 * with its states in hand, so it sees they fall within the index (past-deadline.integration-spec).
 */
export class ItemsOpenByDeadline1767000000000 implements MigrationInterface {
  name = 'ItemsOpenByDeadline1767000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_collection_items_open_deadline" ON "collection_items" ("deadline") WHERE state IN ('UNPLACED', 'PLANNED', 'DISPATCHED', 'FAILED')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_collection_items_open_deadline"');
  }
}
