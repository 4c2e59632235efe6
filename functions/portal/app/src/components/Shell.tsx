import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { messageOf } from '../api';
import { type Session, logout } from '../auth';
import { SECTIONS } from '../sections';
import { Link } from './Link';
import { PageHeading } from './PageHeading';

interface ShellProps {
  session: Session;
  pathname: string;
  onSignedOut: () => void;
  children: ComponentChildren;
}

/** The signed-in frame: the business and the user on top, the sections beside, the page in the middle. */
export function Shell({ session, pathname, onSignedOut, children }: ShellProps) {
  const [leaving, setLeaving] = useState(false);
  const [logoutError, setLogoutError] = useState('');

  const onLogout = async () => {
    setLeaving(true);
    setLogoutError('');
    try {
      await logout();
      onSignedOut();
    } catch (error) {
      setLogoutError(messageOf(error, 'Could not log out. Please try again.'));
      setLeaving(false);
    }
  };

  return (
    <div class="shell">
      <header class="shell__header">
        <div class="shell__title">
          <p class="brand">Dyocense</p>
          <PageHeading title={session.tenant.name} class="shell__business" />
        </div>
        <div class="shell__account">
          <p class="shell__user">
            <span class="shell__name">{session.user.name}</span>
            <span class="shell__role">{session.role.charAt(0).toUpperCase() + session.role.slice(1)}</span>
          </p>
          <button type="button" class="button" onClick={onLogout} disabled={leaving}>
            {leaving ? 'Logging out…' : 'Log out'}
          </button>
        </div>
      </header>
      {logoutError && (
        <p role="alert" class="form-alert shell__alert">
          {logoutError}
        </p>
      )}
      <nav class="shell__nav" aria-label="Sections">
        <ul>
          {SECTIONS.map((section) => {
            const current = section.path === '/' ? pathname === '/' : pathname.startsWith(section.path);
            return (
              <li key={section.label} class={current ? 'shell__nav-item shell__nav-item--current' : 'shell__nav-item'}>
                <Link href={section.path} current={current}>
                  {section.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <main class="shell__main">{children}</main>
    </div>
  );
}
