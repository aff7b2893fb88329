import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each stored message's half hours, in order, from its jsonb. */
const PERIODS = `jsonb_array_elements(message->'custom'->'periods') WITH ORDINALITY AS p(period, n)`;

/**
 * The DIP outbox keeps the readings, not the message: an MPAN-day's kWh (as whole Wh when each
 * is, or as doubles) and qualities as arrays, the half hours' starts only where they do not run on
 * from the day's start, register reads as arrays. The message is built again when it is sent, the same to the byte (StoredDipDay). Rows
 * queued before are converted in place; `down` builds their messages again in SQL.
 */
export class DipOutboxReadings1766300000000 implements MigrationInterface {
  name = 'DipOutboxReadings1766300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dip_outbox"
      ADD "srv" text, ADD "settlement_date" date, ADD "stamped_at" TIMESTAMP WITH TIME ZONE,
      ADD "period_starts_ms" integer array, ADD "wh" integer array, ADD "kwh" double precision array, ADD "quality" text, ADD "registers" jsonb`);
    await queryRunner.query(`UPDATE "dip_outbox" SET
      srv = message->'custom'->>'srv',
      settlement_date = (message->'custom'->>'settlementDate')::date,
      stamped_at = (message->'common'->>'timestamp')::timestamptz,
      kwh = ARRAY(SELECT (period->>'kwh')::double precision FROM ${PERIODS} ORDER BY n),
      quality = (SELECT coalesce(string_agg(CASE period->>'quality' WHEN 'ACTUAL' THEN 'A' ELSE 'M' END, '' ORDER BY n), '') FROM ${PERIODS}),
      period_starts_ms = ARRAY(SELECT (extract(epoch FROM (period->>'utcPeriodStart')::timestamptz
          - ((message->'custom'->>'settlementDate')::date::timestamp AT TIME ZONE 'Europe/London')) * 1000)::integer FROM ${PERIODS} ORDER BY n),
      registers = (SELECT coalesce(jsonb_agg(jsonb_build_array(r->'register', r->'kwh', r->'readAt') ORDER BY n), '[]')
                   FROM jsonb_array_elements(message->'custom'->'registers') WITH ORDINALITY AS rs(r, n))`);
    for (const column of ['srv', 'settlement_date', 'stamped_at', 'quality', 'registers']) {
      await queryRunner.query(`ALTER TABLE "dip_outbox" ALTER COLUMN "${column}" SET NOT NULL`);
    }
    // Rows converted here keep their doubles; rows queued from now on keep whole Wh where they can.
    await queryRunner.query(`ALTER TABLE "dip_outbox" ADD CONSTRAINT "CHK_dip_outbox_kwh" CHECK ((wh IS NULL) <> (kwh IS NULL))`);
    await queryRunner.query(`ALTER TABLE "dip_outbox" DROP COLUMN "message"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The message as it was kept; its common block's settings were the service's then, so they are left for the sender to fill in.
    await queryRunner.query(`ALTER TABLE "dip_outbox" ADD "message" jsonb`);
    await queryRunner.query(`UPDATE "dip_outbox" SET message = jsonb_build_object(
      'common', jsonb_build_object('senderUniqueReference', reference, 'timestamp', to_char(stamped_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'mpanCore', mpan),
      'custom', jsonb_build_object('srv', srv, 'settlementDate', settlement_date::text, 'kwh', to_jsonb(kwh), 'wh', to_jsonb(wh), 'quality', quality,
        'periodStartsMs', to_jsonb(period_starts_ms), 'registers', registers))`);
    await queryRunner.query(`ALTER TABLE "dip_outbox" ALTER COLUMN "message" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "dip_outbox" DROP COLUMN "srv", DROP COLUMN "settlement_date", DROP COLUMN "stamped_at",
      DROP COLUMN "period_starts_ms", DROP COLUMN "wh", DROP COLUMN "kwh", DROP COLUMN "quality", DROP COLUMN "registers"`);
  }
}
