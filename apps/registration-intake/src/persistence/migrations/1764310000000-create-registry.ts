import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRegistry1764310000000 implements MigrationInterface {
  name = 'CreateRegistry1764310000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "market_participants" (
        "mpid" text NOT NULL,
        "name" text NOT NULL,
        "roles" text array NOT NULL,
        "effective_from" date NOT NULL,
        "effective_to" date,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_market_participants" PRIMARY KEY ("mpid")
      )`);
    await queryRunner.query(`
      CREATE TABLE "registration_events" (
        "message_id" text NOT NULL,
        "mpan" text NOT NULL,
        "kind" text NOT NULL,
        "event" jsonb NOT NULL,
        "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_registration_events" PRIMARY KEY ("message_id")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_registration_events_mpan" ON "registration_events" ("mpan")`);
    await queryRunner.query(`
      CREATE TABLE "mpan_timelines" (
        "mpan" text NOT NULL,
        "timeline" jsonb NOT NULL,
        "version" integer NOT NULL,
        "published_version" integer NOT NULL DEFAULT 0,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_mpan_timelines" PRIMARY KEY ("mpan")
      )`);
    // Only the rows the relay still has to publish: small, whatever the size of the registry.
    await queryRunner.query(
      `CREATE INDEX "IDX_mpan_timelines_unpublished" ON "mpan_timelines" ("updated_at") WHERE published_version < version`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "mpan_timelines"`);
    await queryRunner.query(`DROP TABLE "registration_events"`);
    await queryRunner.query(`DROP TABLE "market_participants"`);
  }
}
