import { MigrationInterface, QueryRunner } from 'typeorm';

const UUID_TEXT = `'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'`;

/**
 * An inbox claim in a third of the bytes: the message ID as a uuid (every envelope's is one; the
 * text took 37 bytes, the uuid takes 16) and the consumer group as a smallint naming a row of
 * `inbox_consumer_groups` (the text repeated the group's name, ~20–30 bytes, in every row and in the
 * key). A national day claims tens of millions.
 */
export class CompactInbox1766500000000 implements MigrationInterface {
  name = 'CompactInbox1766500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "inbox_consumer_groups" (
        "id" smallint GENERATED ALWAYS AS IDENTITY,
        "name" text NOT NULL,
        CONSTRAINT "PK_inbox_consumer_groups" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_inbox_consumer_groups_name" UNIQUE ("name")
      )`);
    await queryRunner.query(`INSERT INTO "inbox_consumer_groups" ("name") SELECT DISTINCT "consumer_group" FROM "inbox_messages" ORDER BY 1`);
    await this.setAside(queryRunner, 'inbox_messages', 'inbox_messages_by_name');
    await queryRunner.query(`
      CREATE TABLE "inbox_messages" (
        "consumer_group_id" smallint NOT NULL,
        "message_id" uuid NOT NULL,
        "processed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_inbox_messages" PRIMARY KEY ("consumer_group_id", "message_id")
      )`);
    // A claim whose ID is no UUID was never made by a valid envelope: no such message can come again.
    await queryRunner.query(`
      INSERT INTO "inbox_messages" ("consumer_group_id", "message_id", "processed_at")
      SELECT g."id", m."message_id"::uuid, m."processed_at" FROM "inbox_messages_by_name" m JOIN "inbox_consumer_groups" g ON g."name" = m."consumer_group"
      WHERE m."message_id" ~ ${UUID_TEXT}
      ON CONFLICT DO NOTHING`);
    await queryRunner.query(`DROP TABLE "inbox_messages_by_name"`);
    await queryRunner.query(`CREATE INDEX "IDX_inbox_messages_processed_at" ON "inbox_messages" ("processed_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await this.setAside(queryRunner, 'inbox_messages', 'inbox_messages_compact');
    await queryRunner.query(`
      CREATE TABLE "inbox_messages" (
        "consumer_group" text NOT NULL,
        "message_id" text NOT NULL,
        "processed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_inbox_messages" PRIMARY KEY ("consumer_group", "message_id")
      )`);
    await queryRunner.query(`
      INSERT INTO "inbox_messages" ("consumer_group", "message_id", "processed_at")
      SELECT g."name", m."message_id"::text, m."processed_at" FROM "inbox_messages_compact" m JOIN "inbox_consumer_groups" g ON g."id" = m."consumer_group_id"`);
    await queryRunner.query(`DROP TABLE "inbox_messages_compact"`);
    await queryRunner.query(`DROP TABLE "inbox_consumer_groups"`);
    await queryRunner.query(`CREATE INDEX "IDX_inbox_messages_processed_at" ON "inbox_messages" ("processed_at")`);
  }

  /** Renames `table`, its key and its index out of the way of the table that replaces it. */
  private async setAside(queryRunner: QueryRunner, table: string, asName: string): Promise<void> {
    await queryRunner.query(`ALTER TABLE "${table}" RENAME TO "${asName}"`);
    await queryRunner.query(`ALTER TABLE "${asName}" RENAME CONSTRAINT "PK_inbox_messages" TO "PK_${asName}"`);
    await queryRunner.query(`DROP INDEX "IDX_inbox_messages_processed_at"`);
  }
}
