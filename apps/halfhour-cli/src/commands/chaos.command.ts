import { ChaosCampaign, ChaosOptions } from '../chaos/chaos-campaign';
import { chaosSummary } from '../chaos/chaos-report';
import { reportSummary } from '../day/report-summary';
import { onLocalStack } from './on-local-stack';

/** `npm run chaos`: the fault campaign on a settlement day; exits 1 unless every finding is as it must be. */
export async function chaosCommand(options: ChaosOptions): Promise<void> {
  const campaign = new ChaosCampaign(options);
  await onLocalStack(campaign.run, () => campaign.execute(), async ({ day, chaos }, interrupted) => {
    console.log(`\n${reportSummary(day)}\n\n${chaosSummary(chaos)}\n`);
    if (!chaos.passed) process.exitCode = 1;
    if (options.day.keepRunning) {
      console.log('\nstill running (--keep-running); press Ctrl-C to stop');
      await interrupted;
    }
  });
}
