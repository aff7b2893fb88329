type Labels = Record<string, string>;
interface Sample {
  name: string;
  labels: Labels;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/**
 * One scrape of a service's /metrics (the Prometheus text format: a sample per line, comments
 * skipped), summed the ways the progress display, the report and the benchmark need. A histogram
 * is its `_bucket`, `_sum` and `_count` samples, as Prometheus itself sees it.
 */
export class MetricsSnapshot {
  private constructor(
    private readonly samples: readonly Sample[],
    /** Names declared by `# TYPE` lines: a labelled counter nothing has counted yet has no samples but is exported. */
    private readonly declared: ReadonlySet<string> = new Set(),
  ) {}

  static async of(baseUrl: string): Promise<MetricsSnapshot> {
    const response = await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`${baseUrl}/metrics answered ${response.status}`);
    return MetricsSnapshot.parse(await response.text());
  }

  static parse(text: string): MetricsSnapshot {
    const samples: Sample[] = [];
    const declared = new Set<string>();
    for (const line of text.split('\n')) {
      const type = /^# TYPE (\S+) (\S+)/.exec(line);
      if (type) {
        declared.add(type[1]);
        if (type[2] === 'histogram') ['_bucket', '_sum', '_count'].forEach((suffix) => declared.add(`${type[1]}${suffix}`));
        if (type[2] === 'summary') ['_sum', '_count'].forEach((suffix) => declared.add(`${type[1]}${suffix}`));
      }
      const match = SAMPLE.exec(line);
      if (!match || line.startsWith('#')) continue;
      const labels: Labels = {};
      for (const [, key, value] of (match[2] ?? '').matchAll(LABEL)) labels[key] = value.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
      samples.push({ name: match[1], labels, value: Number(match[3]) });
    }
    return new MetricsSnapshot(samples, declared);
  }

  static empty(): MetricsSnapshot {
    return new MetricsSnapshot([]);
  }

  /**
   * Several scrapes as one (a service's replicas): every sample of each, so a sum is over them all;
   * given the scrapes' `instances`, each sample is labelled with its own, as Prometheus labels a target's.
   */
  static merge(snapshots: readonly MetricsSnapshot[], instances?: readonly string[]): MetricsSnapshot {
    const samples = snapshots.flatMap((s, i) => (instances ? s.samples.map((sample) => ({ ...sample, labels: { ...sample.labels, instance: instances[i] } })) : s.samples));
    return new MetricsSnapshot(samples, new Set(snapshots.flatMap((s) => [...s.declared])));
  }

  /** Every metric name the scrape declares or has samples of, histogram series included (`_bucket`, `_sum`, `_count`). */
  names(): Set<string> {
    return new Set([...this.declared, ...this.samples.map((s) => s.name)]);
  }

  /** The sum of a series' samples whose labels include `where`. */
  sum(name: string, where: Labels = {}): number {
    return this.matching(name, where).reduce((total, sample) => total + sample.value, 0);
  }

  /** Sums by the value of one label. */
  by(name: string, label: string, where: Labels = {}): Record<string, number> {
    const totals: Record<string, number> = {};
    for (const sample of this.matching(name, where)) {
      const key = sample.labels[label] ?? '';
      totals[key] = (totals[key] ?? 0) + sample.value;
    }
    return totals;
  }

  /** Every label set a series is reported with. */
  labelSets(name: string): Labels[] {
    return this.matching(name, {}).map((sample) => sample.labels);
  }

  /** A histogram's count and sum over all its label sets. */
  histogram(name: string, where: Labels = {}): { count: number; sum: number } {
    return { count: this.sum(`${name}_count`, where), sum: this.sum(`${name}_sum`, where) };
  }

  private matching(name: string, where: Labels): Sample[] {
    return this.samples.filter((s) => s.name === name && Object.entries(where).every(([key, value]) => s.labels[key] === value));
  }
}
