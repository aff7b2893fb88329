/** What the audit keeps of a decision; `output` is the message published for it. */
export interface DecisionRecord {
  messageId: string;
  requestId: string;
  userId: string;
  role: string;
  srv: string;
  mpan: string;
  authorised: boolean;
  reason: string | null;
  responseCode: string;
  message: string;
  decidedAt: Date;
  matrixVersion: string;
  trtPolicy: string;
  relationshipPolicy: string;
  consentReference: string | null;
  registryVersion: number;
  registryUpdatedAt: Date | null;
  output: PublishedOutput;
}

export interface PublishedOutput {
  kind: 'authorised' | 'response';
  messageId: string;
  body: object;
  deadline?: string;
}

/** Where a page of the audit ended: the last decision's time and message ID (decisions are ordered by both). */
export interface AuditPosition {
  decidedAt: Date;
  messageId: string;
}

/** Which decisions: `authorised`, `refused`, or those answered with one response code. */
export type DecisionFilter = 'authorised' | 'refused' | { responseCode: string };

export interface AuditQuery {
  userId?: string;
  mpan?: string;
  since?: Date;
  until?: Date;
  decision?: DecisionFilter;
  /** Newest first (the default), or oldest first (an export). */
  order?: 'newest' | 'oldest';
  /** Only decisions after this one in the order: the next page. */
  after?: AuditPosition;
  limit: number;
}
