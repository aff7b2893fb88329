import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * On-demand requests whose days are not all items yet: the request and the next data day to make
 * items for. A long read log period becomes items a month at a time, each month its own
 * transaction, so no request holds its whole period in memory or in one transaction.
 */
export class OnDemandExpansions1766100000000 implements MigrationInterface {
  name = 'OnDemandExpansions1766100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "on_demand_expansions" (
        "request_message_id" text NOT NULL,
        "request" jsonb NOT NULL,
        "next_day" date NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_on_demand_expansions" PRIMARY KEY ("request_message_id")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "on_demand_expansions"');
  }
}
