import { DataSource, EntityManager } from 'typeorm';

export interface OperatorAction {
  action: string;
  arguments: Record<string, unknown>;
  requestedBy: string;
  reason: string;
  at: Date;
  affected: number;
}

/** Records an operator command in the same transaction as what it changed, so the audit and the change stand or fall together. */
export async function recordOperatorAction(manager: EntityManager, action: OperatorAction): Promise<OperatorAction> {
  await manager.query(
    'INSERT INTO operator_actions (action, arguments, requested_by, reason, at, affected) VALUES ($1, $2, $3, $4, $5, $6)',
    [action.action, JSON.stringify(action.arguments), action.requestedBy, action.reason, action.at, action.affected],
  );
  return action;
}

/** The audit of operator commands, newest first. */
export async function operatorActions(dataSource: DataSource, limit = 1000): Promise<OperatorAction[]> {
  return dataSource.query(
    'SELECT action, arguments, requested_by AS "requestedBy", reason, at, affected FROM operator_actions ORDER BY id DESC LIMIT $1',
    [limit],
  );
}
