import { MigrationInterface, QueryRunner } from 'typeorm';

/** Answers become an outbox: each is stored with its response and message ID before it is sent, and marked when sent. */
export class DipAnswersOutbox1765000000000 implements MigrationInterface {
  name = 'DipAnswersOutbox1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dip_answers" ADD "response" jsonb, ADD "message_id" text, ADD "sent_at" TIMESTAMP WITH TIME ZONE`);
    // Answers recorded before this migration were sent right after they were recorded.
    await queryRunner.query(`UPDATE "dip_answers" SET "sent_at" = "answered_at"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dip_answers" DROP COLUMN "sent_at", DROP COLUMN "message_id", DROP COLUMN "response"`);
  }
}
