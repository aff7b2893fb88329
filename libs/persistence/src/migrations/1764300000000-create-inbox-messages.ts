import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateInboxMessages1764300000000 implements MigrationInterface {
  name = 'CreateInboxMessages1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "inbox_messages" (
        "consumer_group" text NOT NULL,
        "message_id" text NOT NULL,
        "processed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_inbox_messages" PRIMARY KEY ("consumer_group", "message_id")
      )`);
    // Lets a housekeeping job delete claims older than Kafka's retention, oldest first.
    await queryRunner.query(`CREATE INDEX "IDX_inbox_messages_processed_at" ON "inbox_messages" ("processed_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "inbox_messages"`);
  }
}
