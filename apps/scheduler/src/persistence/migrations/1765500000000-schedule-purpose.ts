import { MigrationInterface, QueryRunner } from 'typeorm';

/** What a schedule's data is for (service request version 2): MHHS, as every schedule before it, or BAU. */
export class SchedulePurpose1765500000000 implements MigrationInterface {
  name = 'SchedulePurpose1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "schedules" ADD "purpose" text NOT NULL DEFAULT 'MHHS'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "schedules" DROP COLUMN "purpose"`);
  }
}
