import { MigrationInterface, QueryRunner } from 'typeorm';

const COLUMNS = `reference, item_key, mpan, state, attempts, last_error, transaction_id, created_at, finished_at, leased_until,
  srv, settlement_date, stamped_at, period_starts_ms, wh, kwh, quality, registers`;

/** Makes a partition of `table` for each settlement date `source` holds (DayPartitions' names and bounds). */
const partitionsFor = (table: string, source: string) => `DO $$ DECLARE day date; BEGIN
  FOR day IN SELECT DISTINCT settlement_date FROM ${source} LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF ${table} FOR VALUES FROM (%L) TO (%L)', '${table}_p' || to_char(day, 'YYYYMMDD'), day, day + 1);
  END LOOP; END $$`;

/**
 * The DIP outbox partitioned by settlement date, so retention drops a day whole (once nothing in it
 * is pending or finished within the retention) instead of deleting 30 million rows a day and
 * vacuuming after them. The key becomes (settlement date, reference): the reference names the item
 * and so its settlement date, so the same data is still queued once. Partition pruning finds a
 * day's MPAN-days for its report and re-delivery: the index on the item key's date goes, as does
 * the one retention's deletes needed.
 */
export class DipOutboxByDay1766400000000 implements MigrationInterface {
  name = 'DipOutboxByDay1766400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dip_outbox" RENAME TO "dip_outbox_unpartitioned"`);
    await queryRunner.query(`
      CREATE TABLE "dip_outbox" (
        "reference" text NOT NULL,
        "item_key" text NOT NULL,
        "mpan" text NOT NULL,
        "state" text NOT NULL,
        "attempts" integer NOT NULL DEFAULT 0,
        "last_error" text,
        "transaction_id" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "finished_at" TIMESTAMP WITH TIME ZONE,
        "leased_until" TIMESTAMP WITH TIME ZONE,
        "srv" text NOT NULL,
        "settlement_date" date NOT NULL,
        "stamped_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "period_starts_ms" integer array,
        "wh" integer array,
        "kwh" double precision array,
        "quality" text NOT NULL,
        "registers" jsonb NOT NULL,
        CONSTRAINT "PK_dip_outbox_by_day" PRIMARY KEY ("settlement_date", "reference"),
        CONSTRAINT "CHK_dip_outbox_by_day_kwh" CHECK ((wh IS NULL) <> (kwh IS NULL))
      ) PARTITION BY RANGE ("settlement_date")`);
    await queryRunner.query(partitionsFor('dip_outbox', 'dip_outbox_unpartitioned'));
    await queryRunner.query(`INSERT INTO "dip_outbox" (${COLUMNS}) SELECT ${COLUMNS} FROM "dip_outbox_unpartitioned"`);
    await queryRunner.query(`DROP TABLE "dip_outbox_unpartitioned"`);
    await queryRunner.query(`CREATE INDEX "IDX_dip_outbox_pending" ON "dip_outbox" ("created_at") WHERE state = 'PENDING'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dip_outbox" RENAME TO "dip_outbox_by_day"`);
    await queryRunner.query(`ALTER INDEX "IDX_dip_outbox_pending" RENAME TO "IDX_dip_outbox_by_day_pending"`);
    await queryRunner.query(`CREATE TABLE "dip_outbox" (LIKE "dip_outbox_by_day" INCLUDING DEFAULTS)`);
    await queryRunner.query(`INSERT INTO "dip_outbox" (${COLUMNS}) SELECT ${COLUMNS} FROM "dip_outbox_by_day"`);
    await queryRunner.query(`DROP TABLE "dip_outbox_by_day"`);
    await queryRunner.query(`ALTER TABLE "dip_outbox" ADD CONSTRAINT "PK_dip_outbox" PRIMARY KEY ("reference")`);
    await queryRunner.query(`ALTER TABLE "dip_outbox" ADD CONSTRAINT "CHK_dip_outbox_kwh" CHECK ((wh IS NULL) <> (kwh IS NULL))`);
    await queryRunner.query(`CREATE INDEX "IDX_dip_outbox_pending" ON "dip_outbox" ("created_at") WHERE state = 'PENDING'`);
    await queryRunner.query(`CREATE INDEX "IDX_dip_outbox_finished" ON "dip_outbox" ("finished_at") WHERE state IN ('DELIVERED', 'REFUSED')`);
    await queryRunner.query(`CREATE INDEX "IDX_dip_outbox_settlement_date" ON "dip_outbox" (split_part(item_key, '|', 3))`);
  }
}
