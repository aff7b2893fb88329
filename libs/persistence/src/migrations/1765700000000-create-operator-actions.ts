import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOperatorActions1765700000000 implements MigrationInterface {
  name = 'CreateOperatorActions1765700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "operator_actions" (
        "id" bigserial NOT NULL,
        "action" text NOT NULL,
        "arguments" jsonb NOT NULL,
        "requested_by" text NOT NULL,
        "reason" text NOT NULL,
        "at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "affected" integer NOT NULL,
        CONSTRAINT "PK_operator_actions" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_operator_actions_at" ON "operator_actions" ("at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "operator_actions"`);
  }
}
