import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each decision records the relationship policy it applied (distributor areas, the Other User
 * setting) and an Other User's consent reference. Decisions made before had no such policy.
 */
export class DecisionRelationship1766000000000 implements MigrationInterface {
  name = 'DecisionRelationship1766000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "access_decisions" ADD "relationship_policy" text NOT NULL DEFAULT 'none'`);
    await queryRunner.query(`ALTER TABLE "access_decisions" ADD "consent_reference" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "access_decisions" DROP COLUMN "consent_reference"`);
    await queryRunner.query(`ALTER TABLE "access_decisions" DROP COLUMN "relationship_policy"`);
  }
}
