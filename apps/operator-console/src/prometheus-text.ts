/** The sum of a metric's samples in a Prometheus text exposition (every label set). */
export function sumOfMetric(exposition: string, name: string): number {
  let total = 0;
  for (const line of exposition.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{.*\})? (\S+)/.exec(line);
    if (match && match[1] === name) total += Number(match[2]);
  }
  return total;
}
