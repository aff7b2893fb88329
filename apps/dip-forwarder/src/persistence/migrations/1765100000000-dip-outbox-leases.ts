import { MigrationInterface, QueryRunner } from 'typeorm';

/** Rows are leased for a round of calls instead of locked in a transaction held across the calls. */
export class DipOutboxLeases1765100000000 implements MigrationInterface {
  name = 'DipOutboxLeases1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dip_outbox" ADD "leased_until" TIMESTAMP WITH TIME ZONE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dip_outbox" DROP COLUMN "leased_until"`);
  }
}
