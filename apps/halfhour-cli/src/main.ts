import 'reflect-metadata';
import { dayCommand } from './commands/day.command';
import { provisionCommand } from './commands/provision.command';
import { startCommand } from './commands/start.command';
import { DAY_USAGE, parseDayOptions } from './day/day-options';

const USAGE = `usage: halfhour <command>
${DAY_USAGE}
  up [--exit-when-ready]      run Kafka, PostgreSQL and every service locally on the real clock, idle
  provision                   create topics and service databases, then exit`;

async function main(argv: string[]): Promise<void> {
  const [command, ...flags] = argv;
  switch (command) {
    case 'start':
      if (flags.includes('--help')) return void console.log(DAY_USAGE);
      return dayCommand(parseDayOptions(flags, process.stdout.isTTY === true));
    case 'up':
      return startCommand({ exitWhenReady: flags.includes('--exit-when-ready') });
    case 'provision':
      return provisionCommand();
    default:
      console.error(USAGE);
      process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
