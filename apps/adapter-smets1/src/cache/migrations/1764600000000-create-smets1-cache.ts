import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateSmets1Cache1764600000000 implements MigrationInterface {
  name = 'CreateSmets1Cache1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "smets1_cache" (
        "device_id" text NOT NULL,
        "srv" text NOT NULL,
        "at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "register" text NOT NULL DEFAULT '',
        "kwh" double precision NOT NULL,
        "stored_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_smets1_cache" PRIMARY KEY ("device_id", "srv", "at", "register")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_smets1_cache_at" ON "smets1_cache" ("at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "smets1_cache"`);
  }
}
