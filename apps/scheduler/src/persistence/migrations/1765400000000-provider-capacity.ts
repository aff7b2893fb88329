import { MigrationInterface, QueryRunner } from 'typeorm';

/** Capacity the operator set at run time, per provider, and every change to it (who, when, why, before and after). */
export class ProviderCapacity1765400000000 implements MigrationInterface {
  name = 'ProviderCapacity1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "provider_capacity" (
        "provider" text NOT NULL,
        "capacity" jsonb NOT NULL,
        "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "changed_by" text NOT NULL,
        CONSTRAINT "PK_provider_capacity" PRIMARY KEY ("provider")
      )`);
    await queryRunner.query(`
      CREATE TABLE "capacity_changes" (
        "id" bigserial NOT NULL,
        "provider" text NOT NULL,
        "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "changed_by" text NOT NULL,
        "reason" text NOT NULL,
        "previous" jsonb NOT NULL,
        "current" jsonb NOT NULL,
        "released" integer NOT NULL,
        CONSTRAINT "PK_capacity_changes" PRIMARY KEY ("id")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "capacity_changes"`);
    await queryRunner.query(`DROP TABLE "provider_capacity"`);
  }
}
