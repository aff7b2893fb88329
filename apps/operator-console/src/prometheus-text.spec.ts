import { sumOfMetric } from './prometheus-text';

describe('reading a metric from Prometheus text', () => {
  it('sums every label set of the metric named, and nothing named alike', () => {
    const exposition = [
      '# HELP halfhour_consumer_dead_letters_total Dead letters.',
      '# TYPE halfhour_consumer_dead_letters_total counter',
      'halfhour_consumer_dead_letters_total{topic="a",reason="INVALID"} 3',
      'halfhour_consumer_dead_letters_total{topic="b",reason="TOO_LARGE"} 2',
      'halfhour_consumer_dead_letters_total_created{topic="a"} 1764000000',
      'halfhour_dip_backlog_messages 7',
    ].join('\n');
    expect(sumOfMetric(exposition, 'halfhour_consumer_dead_letters_total')).toBe(5);
    expect(sumOfMetric(exposition, 'halfhour_dip_backlog_messages')).toBe(7);
    expect(sumOfMetric(exposition, 'absent')).toBe(0);
  });
});
