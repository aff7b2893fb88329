import { createRegistryViewTable, dropRegistryViewTable } from '@halfhour/registry-view';
import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateScheduler1764500000000 implements MigrationInterface {
  name = 'CreateScheduler1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createRegistryViewTable(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "schedules" (
        "dsp_schedule_id" text NOT NULL,
        "user_id" text NOT NULL,
        "mpid" text NOT NULL,
        "role" text NOT NULL,
        "mpan" text NOT NULL,
        "device_id" text NOT NULL,
        "srv" text NOT NULL,
        "frequency" text NOT NULL,
        "start_date" date NOT NULL,
        "end_date" date,
        "request_id" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "stopped_at" TIMESTAMP WITH TIME ZONE,
        "stopped_reason" text,
        CONSTRAINT "PK_schedules" PRIMARY KEY ("dsp_schedule_id")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_schedules_active_start" ON "schedules" ("start_date") WHERE stopped_at IS NULL`);
    await queryRunner.query(`CREATE INDEX "IDX_schedules_user" ON "schedules" ("user_id")`);
    await queryRunner.query(`
      CREATE TABLE "plan_runs" (
        "plan_day" date NOT NULL,
        "planned_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "demands" integer NOT NULL,
        "items" integer NOT NULL,
        "report" jsonb NOT NULL,
        CONSTRAINT "PK_plan_runs" PRIMARY KEY ("plan_day")
      )`);
    // One partition per plan day, created by the planner (ItemRepository.ensurePartition) and
    // dropped when old; no entity, as TypeORM does not model partitioned tables.
    await queryRunner.query(`
      CREATE TABLE "collection_items" (
        "plan_day" date NOT NULL,
        "item_key" text NOT NULL,
        "mpan" text NOT NULL,
        "device_id" text NOT NULL,
        "provider" text NOT NULL,
        "srv" text NOT NULL,
        "data_day" date NOT NULL,
        "kind" text NOT NULL,
        "state" text NOT NULL,
        "slot_start" TIMESTAMP WITH TIME ZONE,
        "earliest" TIMESTAMP WITH TIME ZONE NOT NULL,
        "deadline" TIMESTAMP WITH TIME ZONE NOT NULL,
        "attempt" integer NOT NULL DEFAULT 0,
        "requesters" jsonb NOT NULL,
        "failure_reason" text,
        "dispatched_at" TIMESTAMP WITH TIME ZONE,
        "completed_at" TIMESTAMP WITH TIME ZONE,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_collection_items" PRIMARY KEY ("plan_day", "item_key")
      ) PARTITION BY RANGE ("plan_day")`);
    await queryRunner.query(`CREATE INDEX "IDX_collection_items_due" ON "collection_items" ("state", "slot_start")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "collection_items"`);
    await queryRunner.query(`DROP TABLE "plan_runs"`);
    await queryRunner.query(`DROP TABLE "schedules"`);
    await dropRegistryViewTable(queryRunner);
  }
}
