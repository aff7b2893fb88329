/**
 * npm run bench:access [-- --requests N] [--users U] [--mpans M] [--profile]
 *
 * Measures the raw rate of crypto.verify (ECDSA P-256 / SHA-256) on this machine, then feeds N
 * signed service requests (default 100,000) from U MDR users (default 200) over M appointed MPANs
 * (default 50,000) through the real broker into a real access-control process, and prints its
 * decisions per second beside the raw verify rate, and its peak RSS.
 */
import 'reflect-metadata';
import { measureAccessControl, rawVerifyRate } from './access-workload';
import { argument, ensureStack } from './bench-support';

async function main(): Promise<void> {
  ensureStack();
  const verifyRate = rawVerifyRate();
  console.log(`raw crypto.verify (P-256, SHA-256): ${Math.round(verifyRate)}/s on one core`);
  const requests = Number(argument('--requests') ?? 100_000);
  const measured = await measureAccessControl({
    requests, users: Number(argument('--users') ?? 200), mpans: Number(argument('--mpans') ?? 50_000),
    // --profile: the service writes a V8 CPU profile to out/profiles when it stops.
    nodeArgs: process.argv.includes('--profile') ? ['--cpu-prof', '--cpu-prof-dir=out/profiles'] : [],
  });
  console.log('');
  console.log(`access-control: ${requests} requests decided (${measured.refused} refused), ${Math.round(measured.decisionsPerSecond)} decisions/s with signature verification`);
  console.log(`  raw crypto.verify:  ${Math.round(verifyRate)}/s`);
  console.log(`  ratio:              ${(measured.decisionsPerSecond / verifyRate).toFixed(2)} of the raw verify rate`);
  console.log(`  peak RSS:           ${measured.peakRssMb.toFixed(0)} MB`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
