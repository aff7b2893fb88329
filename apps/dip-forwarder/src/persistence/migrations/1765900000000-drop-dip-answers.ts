import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Answers no longer need a table: each one's message ID is derived from its reference and request,
 * so sending it again after a crash is a repeat its requester drops. An answer still unsent here
 * belongs to a result whose offset was never committed; that result is read again after the
 * upgrade and its answers sent then, so dropping the table loses none.
 */
export class DropDipAnswers1765900000000 implements MigrationInterface {
  name = 'DropDipAnswers1765900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "dip_answers"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "dip_answers" (
        "reference" text NOT NULL,
        "request_id" text NOT NULL,
        "answered_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "response" jsonb,
        "message_id" text,
        "sent_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_dip_answers" PRIMARY KEY ("reference", "request_id")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_dip_answers_sent" ON "dip_answers" ("sent_at")`);
  }
}
