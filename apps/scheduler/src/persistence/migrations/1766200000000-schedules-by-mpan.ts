import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Running schedules in MPAN order: the daily plan reads them a page of MPANs at a time (every
 * schedule of an MPAN in one page, so collect once merges within a page), never the day whole.
 */
export class SchedulesByMpan1766200000000 implements MigrationInterface {
  name = 'SchedulesByMpan1766200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_schedules_active_mpan" ON "schedules" ("mpan", "dsp_schedule_id") WHERE stopped_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_schedules_active_mpan"');
  }
}
