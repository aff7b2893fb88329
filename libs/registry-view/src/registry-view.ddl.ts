import { QueryRunner } from 'typeorm';

/** The table behind RegistryViewEntity, for the migrations of every service that keeps the view. */
export async function createRegistryViewTable(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE "registry_view" (
      "mpan" text NOT NULL,
      "version" integer NOT NULL,
      "timeline" jsonb NOT NULL,
      "source_updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_registry_view" PRIMARY KEY ("mpan")
    )`);
}

export async function dropRegistryViewTable(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`DROP TABLE "registry_view"`);
}
