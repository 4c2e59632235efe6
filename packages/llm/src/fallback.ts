import type { AnswerProvider, AnswerRequest, CallOptions, Completion } from './types';

// Tries each provider in turn; an error or a timeout moves on to the next. Each attempt is
// reported (for usage accounting) whether it worked or not.

export interface Attempt {
  provider: AnswerProvider['name'];
  model: string;
  outcome: 'ok' | 'error' | 'timeout';
  error?: string;
  ms: number;
  completion?: Completion;
}

export class TimeoutError extends Error {
  override name = 'TimeoutError';
}

export async function withTimeout<T>(ms: number, outer: AbortSignal | undefined, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new TimeoutError(`no answer within ${ms} ms`)), ms);
  const signal = outer ? AbortSignal.any([outer, controller.signal]) : controller.signal;
  try {
    return await Promise.race([
      fn(signal),
      new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true })),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export async function answerWithFallback(
  chain: AnswerProvider[],
  req: AnswerRequest,
  opts: { timeoutMs: number; signal?: AbortSignal; onToken?: CallOptions['onToken']; accept?: (c: Completion) => boolean },
): Promise<{ completion: Completion | null; attempts: Attempt[] }> {
  const attempts: Attempt[] = [];
  for (const provider of chain) {
    const started = performance.now();
    try {
      const completion = await withTimeout(opts.timeoutMs, opts.signal, (signal) => provider.answer(req, { signal, onToken: opts.onToken }));
      if (!completion.text.trim()) throw new Error('empty answer');
      attempts.push({ provider: provider.name, model: provider.model, outcome: 'ok', ms: performance.now() - started, completion });
      return { completion, attempts };
    } catch (err) {
      const timeout = err instanceof TimeoutError;
      attempts.push({ provider: provider.name, model: provider.model, outcome: timeout ? 'timeout' : 'error', error: String((err as Error)?.message ?? err).slice(0, 300), ms: performance.now() - started });
      if (opts.signal?.aborted) break;
    }
  }
  return { completion: null, attempts };
}
