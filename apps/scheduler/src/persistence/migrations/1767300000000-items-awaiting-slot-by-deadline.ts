import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The items waiting for a slot (never placed, or failed and not yet backstopped) by deadline, only
 * those: the slot placer asks every round for the most urgent of them. Through the index of open
 * items it walked past every planned and dispatched item of the day to find them, and through the
 * index by state and slot it fetched every waiting item to sort them — a day short of capacity
 * has hundreds of thousands. The states are ITEM_TRANSITIONS.place.from.
 */
export class ItemsAwaitingSlotByDeadline1767300000000 implements MigrationInterface {
  name = 'ItemsAwaitingSlotByDeadline1767300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_collection_items_awaiting_deadline" ON "collection_items" ("deadline") WHERE state IN ('UNPLACED', 'FAILED')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_collection_items_awaiting_deadline"');
  }
}
