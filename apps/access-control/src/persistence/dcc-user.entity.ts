import { Column, Entity, PrimaryColumn } from 'typeorm';

/** This service's copy of the DCC user registry (dcc.users.1): the latest record per user. */
@Entity({ name: 'dcc_users' })
export class DccUserEntity {
  @PrimaryColumn({ name: 'user_id', type: 'text' })
  userId!: string;

  @Column({ type: 'jsonb' })
  record!: object;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
