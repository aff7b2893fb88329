import { createRegistryViewTable, dropRegistryViewTable } from '@halfhour/registry-view';
import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAccessControl1764400000000 implements MigrationInterface {
  name = 'CreateAccessControl1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createRegistryViewTable(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "dcc_users" (
        "user_id" text NOT NULL,
        "record" jsonb NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_dcc_users" PRIMARY KEY ("user_id")
      )`);
    await queryRunner.query(`
      CREATE TABLE "user_counters" (
        "user_id" text NOT NULL,
        "last_counter" numeric(20,0) NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_user_counters" PRIMARY KEY ("user_id")
      )`);
    await queryRunner.query(`
      CREATE TABLE "access_decisions" (
        "message_id" text NOT NULL,
        "request_id" text NOT NULL,
        "user_id" text NOT NULL,
        "role" text NOT NULL,
        "srv" text NOT NULL,
        "mpan" text NOT NULL,
        "authorised" boolean NOT NULL,
        "reason" text,
        "response_code" text NOT NULL,
        "message" text NOT NULL,
        "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "matrix_version" text NOT NULL,
        "trt_policy" text NOT NULL,
        "registry_version" integer NOT NULL,
        "registry_updated_at" TIMESTAMP WITH TIME ZONE,
        "output" jsonb NOT NULL,
        CONSTRAINT "PK_access_decisions" PRIMARY KEY ("message_id")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_access_decisions_user" ON "access_decisions" ("user_id", "decided_at")`);
    await queryRunner.query(`CREATE INDEX "IDX_access_decisions_mpan" ON "access_decisions" ("mpan", "decided_at")`);
    await queryRunner.query(`CREATE INDEX "IDX_access_decisions_decided_at" ON "access_decisions" ("decided_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "access_decisions"`);
    await queryRunner.query(`DROP TABLE "user_counters"`);
    await queryRunner.query(`DROP TABLE "dcc_users"`);
    await dropRegistryViewTable(queryRunner);
  }
}
