import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Anti-replay (R-ACL-7): the highest request-ID counter accepted from each user. */
@Entity({ name: 'user_counters' })
export class UserCounterEntity {
  @PrimaryColumn({ name: 'user_id', type: 'text' })
  userId!: string;

  /** Up to 2^64 - 1: numeric, as bigint is signed 64-bit. */
  @Column({ name: 'last_counter', type: 'numeric', precision: 20, scale: 0 })
  lastCounter!: string;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
