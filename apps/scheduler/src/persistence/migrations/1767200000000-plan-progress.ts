import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A day's plan commits a page at a time; what it has written so far is kept here with each page,
 * so a planner that stops mid-plan is resumed after its last page, not begun again (DailyPlanner).
 */
export class PlanProgress1767200000000 implements MigrationInterface {
  name = 'PlanProgress1767200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "plan_progress" (
        "plan_day" date NOT NULL,
        "after_mpan" text NOT NULL,
        "counts" jsonb NOT NULL,
        "report" jsonb NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_plan_progress" PRIMARY KEY ("plan_day")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "plan_progress"');
  }
}
