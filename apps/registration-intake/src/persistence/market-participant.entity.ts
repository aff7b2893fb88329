import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The latest standing data per MPID: which market roles it holds (R-REG-4). */
@Entity({ name: 'market_participants' })
export class MarketParticipantEntity {
  @PrimaryColumn({ type: 'text' })
  mpid!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', array: true })
  roles!: string[];

  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom!: string;

  @Column({ name: 'effective_to', type: 'date', nullable: true })
  effectiveTo!: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
