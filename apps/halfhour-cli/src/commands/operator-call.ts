import { isCalendarDate } from '@halfhour/domain';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';

export const OPERATOR_COMMANDS = ['replan', 'redeliver', 'resend-refused'] as const;
export type OperatorCommandName = (typeof OPERATOR_COMMANDS)[number];

export const OPERATOR_USAGE = `  replan --day YYYY-MM-DD --reason TEXT
                              re-plan the day's reads still to come (scheduler)
  redeliver --day YYYY-MM-DD --reason TEXT
                              send a settlement day's MPAN-days to the DIP again (dip-forwarder)
  resend-refused [--day YYYY-MM-DD] --reason TEXT
                              send the MPAN-days the DIP refused again (dip-forwarder)
  replay-dlq --topic TOPIC.dlq [--reason-code CODE] --reason TEXT [--by NAME]
                              send a dead-letter topic's letters (of one reason code, or all) back
                              to their topic, marked with who replayed them, when and why; run
                              again, only letters that arrived since (KAFKA_BROKERS)
                              Each is audited and safe to run twice; the services record the
                              token's name as who asked (a write-scope token). Services at
                              HALFHOUR_SCHEDULER_URL and HALFHOUR_DIP_FORWARDER_URL (default: the
                              local stack); token HALFHOUR_OPERATOR_TOKEN, else out/operator-api-token`;

export interface OperatorCall {
  service: 'scheduler' | 'dip-forwarder';
  path: string;
  body: Record<string, string>;
}

/** What an operator command asks of which service: the arguments checked, nothing sent. */
export function operatorCallOf(command: OperatorCommandName, args: readonly string[]): OperatorCall {
  const { values } = parseArgs({
    args: [...args],
    options: { day: { type: 'string' }, reason: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  const day = values.day;
  if (day !== undefined && !isCalendarDate(day)) throw new RangeError(`--day must be a date YYYY-MM-DD, not "${day}"`);
  if (!values.reason?.trim()) throw new RangeError('--reason is required: the audit records why');
  // Who asks is the token's name, as the service knows it: never something the body could claim.
  const who = { reason: values.reason };
  switch (command) {
    case 'replan':
      if (!day) throw new RangeError('replan needs --day');
      return { service: 'scheduler', path: `/plans/${day}/replan`, body: who };
    case 'redeliver':
      if (!day) throw new RangeError('redeliver needs --day');
      return { service: 'dip-forwarder', path: '/deliveries/redeliver', body: { settlementDate: day, ...who } };
    case 'resend-refused':
      return { service: 'dip-forwarder', path: '/deliveries/resend-refused', body: { ...(day ? { settlementDate: day } : {}), ...who } };
  }
}

/** `replay-dlq`'s arguments, checked. */
export function replayRequestOf(args: readonly string[]): { deadLetterTopic: string; reasonCode?: string; requestedBy: string; reason: string } {
  const { values } = parseArgs({
    args: [...args],
    options: { topic: { type: 'string' }, 'reason-code': { type: 'string' }, reason: { type: 'string' }, by: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  if (!values.topic?.endsWith('.dlq')) throw new RangeError('--topic must name a dead-letter topic, <topic>.dlq');
  if (!values.reason?.trim()) throw new RangeError('--reason is required: the replayed messages carry it');
  return {
    deadLetterTopic: values.topic,
    ...(values['reason-code'] ? { reasonCode: values['reason-code'] } : {}),
    requestedBy: values.by ?? userInfo().username,
    reason: values.reason,
  };
}
