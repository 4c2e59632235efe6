import type { ComponentChildren } from 'preact';
import { PageHeading } from './PageHeading';

interface AuthLayoutProps {
  title: string;
  intro: string;
  children: ComponentChildren;
  footer: ComponentChildren;
}

export function AuthLayout({ title, intro, children, footer }: AuthLayoutProps) {
  return (
    <div class="auth">
      <main class="auth__card">
        <p class="brand">Dyocense</p>
        <PageHeading title={title} />
        <p class="auth__intro">{intro}</p>
        {children}
        <p class="auth__footer">{footer}</p>
      </main>
    </div>
  );
}
