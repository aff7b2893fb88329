import { AccessControlConfig } from '../../apps/access-control/src/access-control.config';
import { AdapterSmets1Config } from '../../apps/adapter-smets1/src/adapter-smets1.config';
import { AdapterSmets2Config } from '../../apps/adapter-smets2/src/adapter-smets2.config';
import { DipForwarderConfig } from '../../apps/dip-forwarder/src/dip-forwarder.config';
import { DipSimulatorConfig } from '../../apps/dip-simulator/src/dip-simulator.config';
import { OperatorConsoleConfig } from '../../apps/operator-console/src/operator-console.config';
import { SimulatorConfig } from '../../apps/provider-simulator/src/simulator.config';
import { RegistrationIntakeConfig } from '../../apps/registration-intake/src/registration-intake.config';
import { SchedulerConfig } from '../../apps/scheduler/src/scheduler.config';
import { isSensitive } from '@halfhour/observability';

/** Each app's settings, as its config class declares them: the names a deployment may set. */
const CONFIG_CLASSES: Record<string, new () => object> = {
  'registration-intake': RegistrationIntakeConfig,
  'access-control': AccessControlConfig,
  scheduler: SchedulerConfig,
  'adapter-smets1': AdapterSmets1Config,
  'adapter-smets2': AdapterSmets2Config,
  'dip-forwarder': DipForwarderConfig,
  'operator-console': OperatorConsoleConfig,
  'provider-simulator': SimulatorConfig,
  'dip-simulator': DipSimulatorConfig,
};

/** The settings an app knows, or undefined for something that is not one of ours (e.g. the CLI). */
export function settingsOf(app: string): Set<string> | undefined {
  const Config = CONFIG_CLASSES[app];
  if (!Config) return undefined;
  const config = new Config();
  // A secret may be given as a file: NAME_FILE (libs/observability secret-files.ts).
  return new Set(Object.keys(config).flatMap((key) => (isSensitive(config, key) ? [key, `${key}_FILE`] : [key])));
}

/** The app's config class, to check a deployment's settings against its rules. */
export function configClassOf(app: string): (new () => object) | undefined {
  return CONFIG_CLASSES[app];
}

/** The app a container runs, from its `dist/apps/<app>/src/main.js` argument. */
export function appOfCommand(command: readonly string[] | undefined): string | undefined {
  return command?.map((part) => /^dist\/apps\/([a-z0-9-]+)\/src\/main\.js$/.exec(part)?.[1]).find(Boolean);
}
