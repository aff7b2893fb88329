import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each provider's outage state, shared by every replica: its own failures since it last answered,
 * whether it is out, and what the plan was last re-made for (`planned_out`), so the re-plan an
 * outage calls for is done once and survives a crash between the two.
 */
export class ProviderOutages1765600000000 implements MigrationInterface {
  name = 'ProviderOutages1765600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "provider_outages" (
        "provider" text NOT NULL,
        "failures" integer NOT NULL DEFAULT 0,
        "out" boolean NOT NULL DEFAULT false,
        "planned_out" boolean NOT NULL DEFAULT false,
        "since" TIMESTAMP WITH TIME ZONE,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_provider_outages" PRIMARY KEY ("provider")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "provider_outages"');
  }
}
