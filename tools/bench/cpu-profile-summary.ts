import { readFileSync } from 'node:fs';
import { join } from 'node:path';
/** The parts of a V8 `.cpuprofile` (what `node --cpu-prof` writes) that say where time went. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  startTime: number;
  endTime: number;
  samples: number[];
  /** Microseconds before each sample. */
  timeDeltas: number[];
}

export interface SelfTime {
  /** A function (`name file:line`) or an area (a package, a part of Halfhour, node's internals). */
  name: string;
  ms: number;
  /** Share of the profile's sampled time, idle excluded. */
  share: number;
}

export interface ProfileSummary {
  /** Sampled time, idle excluded, in ms. */
  busyMs: number;
  topFunctions: SelfTime[];
  topAreas: SelfTime[];
}

const IDLE = '(idle)';

/**
 * Where a function's code lives, coarse enough to act on: the npm package (`kafkajs`,
 * `class-validator`), a Halfhour app or library (`apps/scheduler`, `libs/kafka`), node's own
 * JavaScript (`node:internal`), or V8's pseudo-frames (`(garbage collector)`, `(program)`).
 */
export function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node:internal';
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inPackage) return inPackage[1];
  const inHalfhour = /\/((?:apps|libs)\/[^/]+)\//.exec(url);
  return inHalfhour ? inHalfhour[1] : url.replace(/^file:\/\//, '');
}

/** Self time per function and per area, biggest first, from the samples (each sample's delta goes to the frame on top). */
export function summariseProfile(profile: CpuProfile, top = 15): ProfileSummary {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  let busyUs = 0;
  profile.samples.forEach((id, i) => {
    const frame = frames.get(id);
    const us = profile.timeDeltas[i] ?? 0;
    if (!frame || frame.functionName === IDLE || us <= 0) return;
    busyUs += us;
    const file = frame.url.replace(/^.*\/(node_modules|apps|libs)\//, '$1/');
    const name = frame.url ? `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}` : frame.functionName;
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
    const area = areaOf(frame.url, frame.functionName);
    byArea.set(area, (byArea.get(area) ?? 0) + us);
  });
  const ranked = (totals: Map<string, number>): SelfTime[] =>
    [...totals].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, us]) => ({ name, ms: us / 1000, share: busyUs > 0 ? us / busyUs : 0 }));
  return { busyMs: busyUs / 1000, topFunctions: ranked(byFunction), topAreas: ranked(byArea) };
}

/** Node's arguments to write a process's CPU profile as `<dir>/<name>.cpuprofile` when it stops. */
export function profileArguments(dir: string, name: string): string[] {
  return ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${name}.cpuprofile`];
}

/** Prints where a stopped process's time went: by area, and its top functions by self time. */
export function printProfile(dir: string, name: string, log: (line: string) => void = console.log): void {
  const summary = summariseProfile(JSON.parse(readFileSync(join(dir, `${name}.cpuprofile`), 'utf8')) as CpuProfile, 15);
  const percent = (share: number) => `${(share * 100).toFixed(1)} %`;
  log(`\n${name}: ${(summary.busyMs / 1000).toFixed(1)} s busy`);
  log(`  by area:  ${summary.topAreas.slice(0, 10).map((a) => `${a.name} ${percent(a.share)}`).join(', ')}`);
  for (const f of summary.topFunctions.slice(0, 15)) log(`  ${percent(f.share).padStart(7)}  ${f.name}`);
}
