import 'reflect-metadata';
import { chaosCommand } from './commands/chaos.command';
import { dayCommand } from './commands/day.command';
import { OPERATOR_USAGE } from './commands/operator-call';
import { operatorCommand, replayDlqCommand } from './commands/operator.command';
import { provisionCommand, PROVISION_USAGE } from './commands/provision.command';
import { startCommand } from './commands/start.command';
import { DAY_USAGE, parseDayOptions } from './day/day-options';

const USAGE = `usage: halfhour <command>
${DAY_USAGE}
  chaos [--small] [start's options]
                              the same day with faults done to it (services killed and drained, the
                              broker restarted, the databases cut off, the DIP down and rate-limiting,
                              malformed input); findings in DIR/chaos.json, exit 1 if any fails
  up [--exit-when-ready]      run Kafka, PostgreSQL and every service locally on the real clock, idle
${PROVISION_USAGE}
${OPERATOR_USAGE}`;

async function main(argv: string[]): Promise<void> {
  const [command, ...flags] = argv;
  switch (command) {
    case 'start':
      if (flags.includes('--help')) return void console.log(DAY_USAGE);
      return dayCommand(parseDayOptions(flags, process.stdout.isTTY === true));
    case 'chaos': {
      const day = parseDayOptions(flags.filter((flag) => flag !== '--small'), process.stdout.isTTY === true);
      return chaosCommand({ day: { ...day, namespace: flags.includes('--namespace') ? day.namespace : 'chaos' }, size: flags.includes('--small') ? 'small' : 'full' });
    }
    case 'up':
      return startCommand({ exitWhenReady: flags.includes('--exit-when-ready') });
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
    default:
      console.error(USAGE);
      process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
