import 'reflect-metadata';
import { chaosCommand } from './commands/chaos.command';
import { dayCommand } from './commands/day.command';
import { OPERATOR_USAGE } from './commands/operator-call';
import { operatorCommand, replayDlqCommand } from './commands/operator.command';
import { provisionCommand, PROVISION_USAGE } from './commands/provision.command';
import { startCommand } from './commands/start.command';
import { secretSetting } from '@halfhour/observability';
import { parseArgs } from 'node:util';
import { DAY_OPTION_SPEC, DAY_USAGE, dayOptionsFrom, parseDayOptions, wholeNumber } from './day/day-options';

const USAGE = `usage: halfhour <command>
${DAY_USAGE}
  chaos [--small] [start's options]
                              the same day with faults done to it (services killed and drained, the
                              broker restarted, the databases cut off, the DIP down and rate-limiting,
                              malformed input); findings in DIR/chaos.json, exit 1 if any fails
  up [--exit-when-ready] [--port-offset N] [--namespace NAME]
                              run Kafka, PostgreSQL and every service locally on the real clock, idle;
                              NAME puts the stack's topics under NAME. and its databases under NAME_
${PROVISION_USAGE}
${OPERATOR_USAGE}`;

/** The CLI's own secrets (the migration Job's provision step) may come as files, as the services' do. */
function readSecretFiles(): void {
  for (const key of ['DATABASE_URL', 'KAFKA_SASL_PASSWORD']) {
    const { value, problem } = secretSetting(process.env, key);
    if (problem) throw new Error(problem);
    if (value !== undefined) process.env[key] = value;
  }
}

async function main(argv: string[]): Promise<void> {
  readSecretFiles();
  const [command, ...flags] = argv;
  switch (command) {
    case 'start':
      if (flags.includes('--help')) return void console.log(`usage: halfhour\n${DAY_USAGE}`);
      return dayCommand(parseDayOptions(flags, process.stdout.isTTY === true));
    case 'chaos': {
      const { values } = parseArgs({ args: flags, options: { ...DAY_OPTION_SPEC, small: { type: 'boolean' } }, strict: true, allowPositionals: false });
      if (values.help) return void console.log(USAGE);
      const day = dayOptionsFrom(values, process.stdout.isTTY === true);
      return chaosCommand({ day: { ...day, namespace: values.namespace ?? 'chaos' }, size: values.small ? 'small' : 'full' });
    }
    case 'up': {
      const { values } = parseArgs({
        args: flags, strict: true, allowPositionals: false,
        options: { 'exit-when-ready': { type: 'boolean' }, 'port-offset': { type: 'string' }, namespace: { type: 'string' }, help: { type: 'boolean' } },
      });
      if (values.help) return void console.log(USAGE);
      return startCommand({ exitWhenReady: values['exit-when-ready'] ?? false, portOffset: wholeNumber('--port-offset', values['port-offset'], 0, 0), namespace: values.namespace });
    }
    case 'provision':
      return provisionCommand(flags);
    case 'replan':
    case 'redeliver':
    case 'resend-refused':
      if (flags.includes('--help')) return void console.log(OPERATOR_USAGE);
      return operatorCommand(command, flags);
    case 'replay-dlq':
      if (flags.includes('--help')) return void console.log(OPERATOR_USAGE);
      return replayDlqCommand(flags);
    case '--help':
    case 'help':
      return void console.log(USAGE);
    default:
      console.error(USAGE);
      process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
