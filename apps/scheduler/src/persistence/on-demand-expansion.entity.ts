import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An on-demand request still being turned into items, a chunk of days at a time (OnDemandExpansions). */
@Entity({ name: 'on_demand_expansions' })
export class OnDemandExpansionEntity {
  @PrimaryColumn({ name: 'request_message_id', type: 'text' })
  requestMessageId!: string;

  /** The RequestAuthorised, as the scheduler consumed it. */
  @Column({ type: 'jsonb' })
  request!: object;

  @Column({ name: 'next_day', type: 'date' })
  nextDay!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
