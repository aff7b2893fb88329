import { MigrationInterface, QueryRunner } from 'typeorm';

/** Makes the partition of `read_command_record` for each plan day `source` holds (DayPartitions' names and bounds). */
const partitionsFor = (source: string) => `DO $$ DECLARE day date; BEGIN
  FOR day IN SELECT DISTINCT plan_day FROM ${source} LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF read_command_record FOR VALUES FROM (%L) TO (%L)', 'read_command_record_p' || to_char(day, 'YYYYMMDD'), day, day + 1);
  END LOOP; END $$`;

/** A command's plan day: its ID begins with it; failing that, the day it was claimed. */
const PLAN_DAY = `coalesce(substring(command_id FROM '^(\\d{4}-\\d{2}-\\d{2})\\|')::date, claimed_at::date)`;

/**
 * The adapters' command record partitioned by the command's plan day, so retention drops a day
 * whole instead of deleting a national day's 30 million rows and vacuuming after them; the index on
 * the claim time that those deletes needed goes. A command always names the same plan day, so it
 * is still claimed once.
 */
export class CommandRecordByPlanDay1766700000000 implements MigrationInterface {
  name = 'CommandRecordByPlanDay1766700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "read_command_record" RENAME TO "read_command_record_unpartitioned"`);
    await queryRunner.query(`ALTER TABLE "read_command_record_unpartitioned" RENAME CONSTRAINT "PK_read_command_record" TO "PK_read_command_record_unpartitioned"`);
    await queryRunner.query(`
      CREATE TABLE "read_command_record" (
        "plan_day" date NOT NULL,
        "command_id" text NOT NULL,
        "claimed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "published_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_read_command_record" PRIMARY KEY ("plan_day", "command_id")
      ) PARTITION BY RANGE ("plan_day")`);
    await queryRunner.query(`CREATE TEMPORARY TABLE "plan_days" AS SELECT DISTINCT ${PLAN_DAY} AS plan_day FROM "read_command_record_unpartitioned"`);
    await queryRunner.query(partitionsFor('plan_days'));
    await queryRunner.query(`DROP TABLE "plan_days"`);
    await queryRunner.query(`
      INSERT INTO "read_command_record" ("plan_day", "command_id", "claimed_at", "published_at")
      SELECT ${PLAN_DAY}, "command_id", "claimed_at", "published_at" FROM "read_command_record_unpartitioned"`);
    await queryRunner.query(`DROP TABLE "read_command_record_unpartitioned"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "read_command_record" RENAME TO "read_command_record_by_day"`);
    await queryRunner.query(`ALTER TABLE "read_command_record_by_day" RENAME CONSTRAINT "PK_read_command_record" TO "PK_read_command_record_by_day"`);
    await queryRunner.query(`
      CREATE TABLE "read_command_record" (
        "command_id" text NOT NULL,
        "claimed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "published_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_read_command_record" PRIMARY KEY ("command_id")
      )`);
    await queryRunner.query(`
      INSERT INTO "read_command_record" ("command_id", "claimed_at", "published_at")
      SELECT "command_id", "claimed_at", "published_at" FROM "read_command_record_by_day" ON CONFLICT DO NOTHING`);
    await queryRunner.query(`DROP TABLE "read_command_record_by_day"`);
    await queryRunner.query(`CREATE INDEX "IDX_read_command_record_claimed_at" ON "read_command_record" ("claimed_at")`);
  }
}
