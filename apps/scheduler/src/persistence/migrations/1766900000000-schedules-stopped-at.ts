import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Schedules by when they stopped, only the stopped ones: the day report counts a day's stops by
 * reason, and scanned every schedule to do it (a million nationally) each time it was asked.
 */
export class SchedulesStoppedAt1766900000000 implements MigrationInterface {
  name = 'SchedulesStoppedAt1766900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_schedules_stopped_at" ON "schedules" ("stopped_at") WHERE stopped_at IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_schedules_stopped_at"');
  }
}
