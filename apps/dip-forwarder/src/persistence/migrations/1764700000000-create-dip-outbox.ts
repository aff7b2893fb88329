import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateDipOutbox1764700000000 implements MigrationInterface {
  name = 'CreateDipOutbox1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "dip_outbox" (
        "reference" text NOT NULL,
        "item_key" text NOT NULL,
        "mpan" text NOT NULL,
        "message" jsonb NOT NULL,
        "state" text NOT NULL,
        "attempts" integer NOT NULL DEFAULT 0,
        "last_error" text,
        "transaction_id" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "finished_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_dip_outbox" PRIMARY KEY ("reference")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_dip_outbox_pending" ON "dip_outbox" ("created_at") WHERE state = 'PENDING'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "dip_outbox"`);
  }
}
