import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The cache keeps one row per device, SRV and data day instead of one per half hour: a SMETS1 read
 * wrote 48 rows (and 96 index entries) before. The old rows are dropped, not converted: a cache
 * costs only provider calls to refill.
 */
export class Smets1CacheByDay1764900000000 implements MigrationInterface {
  name = 'Smets1CacheByDay1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "smets1_cache"`);
    await queryRunner.query(`
      CREATE TABLE "smets1_cache_days" (
        "device_id" text NOT NULL,
        "srv" text NOT NULL,
        "data_day" date NOT NULL,
        "periods" jsonb NOT NULL,
        "registers" jsonb NOT NULL,
        "stored_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_smets1_cache_days" PRIMARY KEY ("device_id", "srv", "data_day")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_smets1_cache_days_data_day" ON "smets1_cache_days" ("data_day")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "smets1_cache_days"`);
    await queryRunner.query(`
      CREATE TABLE "smets1_cache" (
        "device_id" text NOT NULL,
        "srv" text NOT NULL,
        "at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "register" text NOT NULL DEFAULT '',
        "kwh" double precision NOT NULL,
        "stored_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_smets1_cache" PRIMARY KEY ("device_id", "srv", "at", "register")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_smets1_cache_at" ON "smets1_cache" ("at")`);
  }
}
