import type { ComponentChildren } from 'preact';
import type { Loaded } from '../load';

interface LoadStateProps<T> {
  loaded: Loaded<T>;
  onRetry: () => void;
  what: string;
  children: (data: T) => ComponentChildren;
}

/** The three faces of anything fetched: a status line while loading, the error with a retry, or the content. */
export function LoadState<T>({ loaded, onRetry, what, children }: LoadStateProps<T>) {
  if (loaded.state === 'loading')
    return (
      <p class="muted" role="status">
        Loading {what}…
      </p>
    );
  if (loaded.state === 'failed')
    return (
      <div class="form-alert" role="alert">
        <p>
          Could not load {what}: {loaded.message}
        </p>
        <button type="button" class="button" onClick={onRetry}>
          Try again
        </button>
      </div>
    );
  return <>{children(loaded.data)}</>;
}
