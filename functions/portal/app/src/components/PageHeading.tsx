import { useEffect, useRef } from 'preact/hooks';

// The first screen keeps the browser's natural focus; later client-side route
// changes move focus to the new heading so screen readers hear the page change.
let isFirstScreen = true;

export function PageHeading({ title, class: className }: { title: string; class?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Dyocense`;
    if (isFirstScreen) isFirstScreen = false;
    else ref.current?.focus();
  }, [title]);
  return (
    <h1 ref={ref} tabIndex={-1} class={className}>
      {title}
    </h1>
  );
}
