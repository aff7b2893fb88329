import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateDipAnswers1764800000000 implements MigrationInterface {
  name = 'CreateDipAnswers1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "dip_answers" (
        "reference" text NOT NULL,
        "request_id" text NOT NULL,
        "answered_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_dip_answers" PRIMARY KEY ("reference", "request_id")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "dip_answers"`);
  }
}
