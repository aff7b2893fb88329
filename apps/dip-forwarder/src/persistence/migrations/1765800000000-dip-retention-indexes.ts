import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention deletes finished MPAN-days and sent answers by age, a batch at a time, and the day's
 * report and re-delivery find a settlement day's MPAN-days (the third part of the item key):
 * without these each would scan the whole table (30 million rows a day at national scale).
 */
export class DipRetentionIndexes1765800000000 implements MigrationInterface {
  name = 'DipRetentionIndexes1765800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_dip_outbox_finished" ON "dip_outbox" ("finished_at") WHERE state IN ('DELIVERED', 'REFUSED')`);
    await queryRunner.query(`CREATE INDEX "IDX_dip_answers_sent" ON "dip_answers" ("sent_at")`);
    await queryRunner.query(`CREATE INDEX "IDX_dip_outbox_settlement_date" ON "dip_outbox" (split_part(item_key, '|', 3))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_dip_outbox_settlement_date"`);
    await queryRunner.query(`DROP INDEX "IDX_dip_answers_sent"`);
    await queryRunner.query(`DROP INDEX "IDX_dip_outbox_finished"`);
  }
}
