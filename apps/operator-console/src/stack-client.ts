import { sumOfMetric } from './prometheus-text';

/** What a service answered, or why there is no answer: the console shows every figure it could get. */
export type Answer<T> = { ok: true; value: T } | { ok: false; error: string };

/** Calls the services' operator APIs with the operator's own token, and reads their metrics. */
export class StackClient {
  constructor(private readonly timeoutMs: number) {}

  async json<T>(url: string, authorization: string | undefined): Promise<Answer<T>> {
    try {
      const response = await fetch(url, { headers: authorization ? { authorization } : {}, signal: AbortSignal.timeout(this.timeoutMs) });
      if (!response.ok) return { ok: false, error: `${new URL(url).pathname} answered ${response.status}` };
      return { ok: true, value: (await response.json()) as T };
    } catch (error) {
      return { ok: false, error: `${new URL(url).pathname}: ${(error as Error).message}` };
    }
  }

  /** A metric summed over every service that exposes it; those that did not answer are named. */
  async metricSum(baseUrls: readonly string[], name: string): Promise<{ total: number; unreachable: string[] }> {
    const answers = await Promise.all(baseUrls.map(async (base) => {
      try {
        const response = await fetch(`${base}/metrics`, { signal: AbortSignal.timeout(this.timeoutMs) });
        return response.ok ? sumOfMetric(await response.text(), name) : base;
      } catch {
        return base;
      }
    }));
    return { total: answers.reduce<number>((sum, a) => sum + (typeof a === 'number' ? a : 0), 0), unreachable: answers.filter((a): a is string => typeof a === 'string') };
  }
}
