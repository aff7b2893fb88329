import { MigrationInterface, QueryRunner } from 'typeorm';

/** The relay leases rows, commits, then calls the DIP: no row lock is held across the call. */
export class DipOutboxLease1765300000000 implements MigrationInterface {
  name = 'DipOutboxLease1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dip_outbox" ADD "leased_until" TIMESTAMP WITH TIME ZONE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dip_outbox" DROP COLUMN "leased_until"`);
  }
}
