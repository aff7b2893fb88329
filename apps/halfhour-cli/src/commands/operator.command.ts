import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICE_CATALOGUE } from '../stack/service-catalogue';
import { REPOSITORY_ROOT } from '../stack/stack-settings';
import { replayDeadLetters } from '@halfhour/kafka';
import { cliKafka } from '../stack/cli-kafka';
import { OperatorCommandName, operatorCallOf, replayRequestOf } from './operator-call';

const URL_SETTINGS = { scheduler: 'HALFHOUR_SCHEDULER_URL', 'dip-forwarder': 'HALFHOUR_DIP_FORWARDER_URL' } as const;

/** Runs an operator command against the service that holds the facts, and prints what it did (the audit record). */
export async function operatorCommand(command: OperatorCommandName, args: readonly string[]): Promise<void> {
  const call = operatorCallOf(command, args);
  const localPort = SERVICE_CATALOGUE.find((entry) => entry.name === call.service)!.httpPort;
  const base = (process.env[URL_SETTINGS[call.service]] ?? `http://127.0.0.1:${localPort}`).replace(/\/$/, '');
  const token = operatorToken();
  const response = await fetch(`${base}${call.path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(call.body),
  }).catch((error: unknown) => {
    throw new Error(`cannot reach the ${call.service} at ${base} (${error instanceof Error ? error.message : String(error)}); set ${URL_SETTINGS[call.service]}`);
  });
  const text = await response.text();
  console.log(text);
  if (!response.ok) {
    console.error(`${call.service} answered ${response.status}`);
    process.exitCode = 1;
  }
}

function operatorToken(): string | undefined {
  if (process.env.HALFHOUR_OPERATOR_TOKEN) return process.env.HALFHOUR_OPERATOR_TOKEN;
  const file = join(REPOSITORY_ROOT, 'out', 'operator-api-token');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}

/** Replays a dead-letter topic into its source topic and prints how many letters went back and why others did not. */
export async function replayDlqCommand(args: readonly string[]): Promise<void> {
  const request = replayRequestOf(args);
  const outcome = await replayDeadLetters(cliKafka('halfhour-operator'), request);
  console.log(JSON.stringify({ action: 'REPLAY_DLQ', ...request, at: new Date().toISOString(), ...outcome }, null, 2));
}
