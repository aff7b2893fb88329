import { MigrationInterface, QueryRunner } from 'typeorm';

const COLUMNS = `"device_id", "srv", "data_day", "periods", "registers", "stored_at"`;

/**
 * The SMETS1 cache partitioned by data day, so retention drops a day whole instead of deleting a
 * national day's rows and vacuuming after them; the index on the data day those deletes needed goes
 * (a lookup names its day, and finds its partition by it).
 */
export class Smets1CacheByDataDay1766800000000 implements MigrationInterface {
  name = 'Smets1CacheByDataDay1766800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "smets1_cache_days" RENAME TO "smets1_cache_days_unpartitioned"`);
    await queryRunner.query(`ALTER TABLE "smets1_cache_days_unpartitioned" RENAME CONSTRAINT "PK_smets1_cache_days" TO "PK_smets1_cache_days_unpartitioned"`);
    await queryRunner.query(`DROP INDEX "IDX_smets1_cache_days_data_day"`);
    await queryRunner.query(`
      CREATE TABLE "smets1_cache_days" (
        "device_id" text NOT NULL,
        "srv" text NOT NULL,
        "data_day" date NOT NULL,
        "periods" jsonb NOT NULL,
        "registers" jsonb NOT NULL,
        "stored_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_smets1_cache_days" PRIMARY KEY ("device_id", "srv", "data_day")
      ) PARTITION BY RANGE ("data_day")`);
    await queryRunner.query(`DO $$ DECLARE day date; BEGIN
      FOR day IN SELECT DISTINCT data_day FROM smets1_cache_days_unpartitioned LOOP
        EXECUTE format('CREATE TABLE %I PARTITION OF smets1_cache_days FOR VALUES FROM (%L) TO (%L)', 'smets1_cache_days_p' || to_char(day, 'YYYYMMDD'), day, day + 1);
      END LOOP; END $$`);
    await queryRunner.query(`INSERT INTO "smets1_cache_days" (${COLUMNS}) SELECT ${COLUMNS} FROM "smets1_cache_days_unpartitioned"`);
    await queryRunner.query(`DROP TABLE "smets1_cache_days_unpartitioned"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "smets1_cache_days" RENAME TO "smets1_cache_days_by_day"`);
    await queryRunner.query(`ALTER TABLE "smets1_cache_days_by_day" RENAME CONSTRAINT "PK_smets1_cache_days" TO "PK_smets1_cache_days_by_day"`);
    await queryRunner.query(`CREATE TABLE "smets1_cache_days" (LIKE "smets1_cache_days_by_day" INCLUDING DEFAULTS)`);
    await queryRunner.query(`ALTER TABLE "smets1_cache_days" ADD CONSTRAINT "PK_smets1_cache_days" PRIMARY KEY ("device_id", "srv", "data_day")`);
    await queryRunner.query(`INSERT INTO "smets1_cache_days" (${COLUMNS}) SELECT ${COLUMNS} FROM "smets1_cache_days_by_day"`);
    await queryRunner.query(`DROP TABLE "smets1_cache_days_by_day"`);
    await queryRunner.query(`CREATE INDEX "IDX_smets1_cache_days_data_day" ON "smets1_cache_days" ("data_day")`);
  }
}
