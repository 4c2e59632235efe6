import { useEffect, useState } from 'preact/hooks';
import { messageOf } from './api';

export type Loaded<T> = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; data: T };

/**
 * Runs `load` when `deps` change and keeps only the newest answer, so a slow old request
 * can't overwrite a newer one. `reload` runs it again (e.g. a "Try again" button).
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): [Loaded<T>, () => void] {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    setLoaded({ state: 'loading' });
    load().then(
      (data) => current && setLoaded({ state: 'ready', data }),
      (error: unknown) => current && setLoaded({ state: 'failed', message: messageOf(error) }),
    );
    return () => {
      current = false;
    };
  }, [...deps, attempt]);
  return [loaded, () => setAttempt((n) => n + 1)];
}

/** One user-started request at a time: whether it is running, its error in words, and its last result. */
export function useAction<T>() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState('');
  const [result, setResult] = useState<T | null>(null);
  const run = async (action: () => Promise<T>) => {
    setPending(true);
    setError('');
    try {
      setResult(await action());
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setPending(false);
    }
  };
  return { pending, error, result, run };
}
