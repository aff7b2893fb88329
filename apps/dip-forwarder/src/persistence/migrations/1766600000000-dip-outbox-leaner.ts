import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two things the DIP outbox kept twice, gone: the item key (the reference begins with it) and the
 * quality letters of a day whose half hours were all actual (the usual case: NULL now says so).
 * About 80 bytes of each MPAN-day's row.
 */
export class DipOutboxLeaner1766600000000 implements MigrationInterface {
  name = 'DipOutboxLeaner1766600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dip_outbox" DROP COLUMN "item_key"`);
    await queryRunner.query(`ALTER TABLE "dip_outbox" ALTER COLUMN "quality" DROP NOT NULL`);
    await queryRunner.query(`UPDATE "dip_outbox" SET "quality" = NULL WHERE "quality" !~ '[^A]'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE "dip_outbox" SET "quality" = repeat('A', cardinality(coalesce("wh"::double precision[], "kwh"))) WHERE "quality" IS NULL`);
    await queryRunner.query(`ALTER TABLE "dip_outbox" ALTER COLUMN "quality" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "dip_outbox" ADD "item_key" text`);
    await queryRunner.query(`UPDATE "dip_outbox" SET "item_key" = split_part("reference", '#', 1)`);
    await queryRunner.query(`ALTER TABLE "dip_outbox" ALTER COLUMN "item_key" SET NOT NULL`);
  }
}
