import type { ComponentChildren } from 'preact';
import { navigate } from '../router';

interface LinkProps {
  href: string;
  children: ComponentChildren;
  class?: string;
  /** Marks the link to the page being shown (aria-current). */
  current?: boolean;
}

/** An ordinary anchor that navigates client-side, while keeping new-tab and modifier clicks native. */
export function Link({ href, children, class: className, current }: LinkProps) {
  const onClick = (event: MouseEvent) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} class={className} onClick={onClick} aria-current={current ? 'page' : undefined}>
      {children}
    </a>
  );
}
