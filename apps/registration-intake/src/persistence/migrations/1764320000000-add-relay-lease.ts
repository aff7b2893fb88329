import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddRelayLease1764320000000 implements MigrationInterface {
  name = 'AddRelayLease1764320000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mpan_timelines" ADD "relay_lease_until" TIMESTAMP WITH TIME ZONE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mpan_timelines" DROP COLUMN "relay_lease_until"`);
  }
}
