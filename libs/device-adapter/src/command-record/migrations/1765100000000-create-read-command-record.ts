import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateReadCommandRecord1765100000000 implements MigrationInterface {
  name = 'CreateReadCommandRecord1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "read_command_record" (
        "command_id" text NOT NULL,
        "claimed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "published_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_read_command_record" PRIMARY KEY ("command_id")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_read_command_record_claimed_at" ON "read_command_record" ("claimed_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "read_command_record"`);
  }
}
