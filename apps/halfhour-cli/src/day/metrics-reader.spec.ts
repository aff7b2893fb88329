import { MetricsSnapshot } from './metrics-reader';

const TEXT = `# HELP halfhour_scheduler_items Items.
# TYPE halfhour_scheduler_items gauge
halfhour_scheduler_items{state="PLANNED",provider="CSP-NORTH",service="scheduler"} 5
halfhour_scheduler_items{state="SUCCEEDED",provider="CSP-NORTH",service="scheduler"} 7
halfhour_scheduler_items{state="PLANNED",provider="S1SP-A",service="scheduler"} 2
# TYPE halfhour_scheduler_plan_seconds histogram
halfhour_scheduler_plan_seconds_bucket{le="0.1",service="scheduler"} 2
halfhour_scheduler_plan_seconds_bucket{le="+Inf",service="scheduler"} 2
halfhour_scheduler_plan_seconds_sum{service="scheduler"} 0.14
halfhour_scheduler_plan_seconds_count{service="scheduler"} 2
halfhour_odd{reason="say \\"hi\\", then go"} NaN
# HELP halfhour_nothing_yet_total Labelled, never counted.
# TYPE halfhour_nothing_yet_total counter
`;

describe('a metrics scrape', () => {
  const snapshot = MetricsSnapshot.parse(TEXT);

  it('sums series, filtered by labels and grouped by one', () => {
    expect(snapshot.sum('halfhour_scheduler_items')).toBe(14);
    expect(snapshot.sum('halfhour_scheduler_items', { state: 'PLANNED' })).toBe(7);
    expect(snapshot.by('halfhour_scheduler_items', 'provider')).toEqual({ 'CSP-NORTH': 12, 'S1SP-A': 2 });
  });

  it('lists the label sets a series is reported with', () => {
    expect(snapshot.labelSets('halfhour_scheduler_plan_seconds_count')).toEqual([{ service: 'scheduler' }]);
    expect(snapshot.labelSets('halfhour_scheduler_items').map((labels) => labels.provider)).toEqual(['CSP-NORTH', 'CSP-NORTH', 'S1SP-A']);
    expect(snapshot.labelSets('halfhour_nothing_yet_total')).toEqual([]);
  });

  it('reads a labelled histogram’s sum and count', () => {
    expect(snapshot.histogram('halfhour_scheduler_plan_seconds')).toEqual({ count: 2, sum: 0.14 });
  });

  it('names every series declared or sampled, and copes with escaped quotes and NaN', () => {
    expect(snapshot.names()).toEqual(new Set([
      'halfhour_scheduler_items', 'halfhour_scheduler_plan_seconds', 'halfhour_scheduler_plan_seconds_bucket', 'halfhour_scheduler_plan_seconds_sum',
      'halfhour_scheduler_plan_seconds_count', 'halfhour_odd', 'halfhour_nothing_yet_total',
    ]));
    expect(snapshot.by('halfhour_odd', 'reason')).toEqual({ 'say "hi", then go': NaN });
  });

  it('reads replicas’ scrapes merged as one: every sum over them all', () => {
    const other = MetricsSnapshot.parse('halfhour_scheduler_items{state="PLANNED",provider="CSP-NORTH",service="scheduler"} 3\n');
    const merged = MetricsSnapshot.merge([snapshot, other, MetricsSnapshot.empty()], ['http://a', 'http://b', 'http://c']);
    expect(merged.sum('halfhour_scheduler_items', { state: 'PLANNED' })).toBe(10);
    expect(merged.by('halfhour_scheduler_items', 'instance', { state: 'PLANNED' })).toEqual({ 'http://a': 7, 'http://b': 3 });
    expect(merged.histogram('halfhour_scheduler_plan_seconds')).toEqual({ count: 2, sum: 0.14 });
    expect(merged.names()).toEqual(snapshot.names());
  });
});
