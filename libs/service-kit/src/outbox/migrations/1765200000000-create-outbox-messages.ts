import { MigrationInterface, QueryRunner } from 'typeorm';

/** Messages written in the same transaction as the change they announce, published by the outbox relay after it commits. */
export class CreateOutboxMessages1765200000000 implements MigrationInterface {
  name = 'CreateOutboxMessages1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "outbox_messages" (
        "id" bigserial NOT NULL,
        "topic" text NOT NULL,
        "message_type" text NOT NULL,
        "message_id" text NOT NULL,
        "body" jsonb NOT NULL,
        "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "deadline" TIMESTAMP WITH TIME ZONE,
        "leased_until" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_outbox_messages" PRIMARY KEY ("id")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "outbox_messages"`);
  }
}
