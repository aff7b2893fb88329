/** What a service answered, or why there is no answer: the console shows every figure it could get. */
export type Answer<T> = { ok: true; value: T } | { ok: false; error: string };

/** Calls the services' operator APIs with the operator's own token. */
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
}
