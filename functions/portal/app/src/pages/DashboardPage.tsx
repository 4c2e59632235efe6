import { useState } from 'preact/hooks';
import { type Session, logout } from '../auth';
import { PageHeading } from '../components/PageHeading';

const SECTIONS = ['Overview', 'Goals', 'Metrics', 'Forecasts', 'Plans', 'Evidence', 'Coach', 'Settings'] as const;

interface DashboardPageProps {
  session: Session;
  onSignedOut: () => void;
}

export function DashboardPage({ session, onSignedOut }: DashboardPageProps) {
  const [leaving, setLeaving] = useState(false);
  const [logoutError, setLogoutError] = useState('');

  const onLogout = async () => {
    setLeaving(true);
    setLogoutError('');
    try {
      await logout();
      onSignedOut();
    } catch (error) {
      setLogoutError(error instanceof Error ? error.message : 'Could not log out. Please try again.');
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
            <span class="shell__role">{formatRole(session.role)}</span>
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
          {SECTIONS.map((section) => (
            <li key={section} class="shell__nav-item">
              <span>{section}</span>
              <span class="badge">Coming soon</span>
            </li>
          ))}
        </ul>
      </nav>
      <main class="shell__main">
        <section class="empty" aria-labelledby="empty-title">
          <h2 id="empty-title">Connect your data to see your numbers</h2>
          <p>
            Once your sales, payments or accounting data is connected, your revenue, costs and goals appear here,
            each figure computed by an engine you can check.
          </p>
          <p class="empty__note">Connections for Shopify, Stripe, QuickBooks and CSV files are coming soon.</p>
        </section>
      </main>
    </div>
  );
}

function formatRole(role: string): string {
  return role.charAt(0).toUpperCase() + role.slice(1);
}
