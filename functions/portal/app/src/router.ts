import { useEffect, useState } from 'preact/hooks';

// A tiny history-API router: the portal has a handful of routes, not worth a dependency.

const listeners = new Set<() => void>();

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', to);
  else if (to !== location.pathname) history.pushState(null, '', to);
  for (const listener of listeners) listener();
}

export function usePathname(): string {
  const [pathname, setPathname] = useState(location.pathname);
  useEffect(() => {
    const update = () => setPathname(location.pathname);
    listeners.add(update);
    addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      removeEventListener('popstate', update);
    };
  }, []);
  return pathname;
}
