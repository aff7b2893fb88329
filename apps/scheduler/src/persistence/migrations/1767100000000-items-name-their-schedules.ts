import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A scheduled item names its schedules by number instead of copying their requesters into it as
 * JSON: 190 of an item's 400 bytes, every MPAN-day (StoredRequester). Items written before keep
 * their JSON and are read as before; `requesters` now holds only those not from a schedule.
 */
export class ItemsNameTheirSchedules1767100000000 implements MigrationInterface {
  name = 'ItemsNameTheirSchedules1767100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "schedules" ADD "ref" bigint GENERATED ALWAYS AS IDENTITY NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_schedules_ref" ON "schedules" ("ref")`);
    await queryRunner.query(`ALTER TABLE "collection_items" ADD "schedule_refs" bigint[]`);
    await queryRunner.query(`ALTER TABLE "collection_items" ALTER COLUMN "requesters" DROP NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      UPDATE "collection_items" AS i SET "requesters" = coalesce(i."requesters", '[]'::jsonb) || coalesce((
        SELECT jsonb_agg(jsonb_build_object('userId', s.user_id, 'role', s.role, 'mpid', s.mpid, 'origin', s.dsp_schedule_id, 'requestId', s.request_id))
        FROM "schedules" s WHERE s.ref = ANY(i."schedule_refs")), '[]'::jsonb)
      WHERE i."schedule_refs" IS NOT NULL OR i."requesters" IS NULL`);
    await queryRunner.query(`ALTER TABLE "collection_items" ALTER COLUMN "requesters" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "collection_items" DROP COLUMN "schedule_refs"`);
    await queryRunner.query(`DROP INDEX "UQ_schedules_ref"`);
    await queryRunner.query(`ALTER TABLE "schedules" DROP COLUMN "ref"`);
  }
}
