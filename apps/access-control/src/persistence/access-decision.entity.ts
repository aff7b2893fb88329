import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The audit trail (R-ACL-7): one row per service request decided, keyed by the request message's
 * ID so a redelivered message finds its decision instead of being decided twice. `output` is the
 * message the decision published, so a redelivery republishes exactly the same answer.
 */
@Entity({ name: 'access_decisions' })
@Index('IDX_access_decisions_user', ['userId', 'decidedAt'])
@Index('IDX_access_decisions_mpan', ['mpan', 'decidedAt'])
@Index('IDX_access_decisions_decided_at', ['decidedAt'])
export class AccessDecisionEntity {
  @PrimaryColumn({ name: 'message_id', type: 'text' })
  messageId!: string;

  @Column({ name: 'request_id', type: 'text' })
  requestId!: string;

  @Column({ name: 'user_id', type: 'text' })
  userId!: string;

  @Column({ type: 'text' })
  role!: string;

  @Column({ type: 'text' })
  srv!: string;

  @Column({ type: 'text' })
  mpan!: string;

  @Column({ type: 'boolean' })
  authorised!: boolean;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'response_code', type: 'text' })
  responseCode!: string;

  @Column({ type: 'text' })
  message!: string;

  @Column({ name: 'decided_at', type: 'timestamptz' })
  decidedAt!: Date;

  @Column({ name: 'matrix_version', type: 'text' })
  matrixVersion!: string;

  @Column({ name: 'trt_policy', type: 'text' })
  trtPolicy!: string;

  /** The relationship policy applied (RelationshipPolicy.version); `none` before it existed. */
  @Column({ name: 'relationship_policy', type: 'text', default: 'none' })
  relationshipPolicy!: string;

  /** An Other User's consent reference, as its request carried it. */
  @Column({ name: 'consent_reference', type: 'text', nullable: true })
  consentReference!: string | null;

  /** The MPAN's timeline version the decision saw (0: the MPAN was unknown). */
  @Column({ name: 'registry_version', type: 'integer' })
  registryVersion!: number;

  /** When registration-intake last changed that timeline. */
  @Column({ name: 'registry_updated_at', type: 'timestamptz', nullable: true })
  registryUpdatedAt!: Date | null;

  @Column({ type: 'jsonb' })
  output!: object;
}
