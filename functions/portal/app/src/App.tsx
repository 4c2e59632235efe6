import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { type Session, fetchSession } from './auth';
import { Shell } from './components/Shell';
import { CoachPage } from './pages/CoachPage';
import { DataPage } from './pages/DataPage';
import { EvidencePage } from './pages/EvidencePage';
import { ForecastsPage } from './pages/ForecastsPage';
import { GoalsPage } from './pages/GoalsPage';
import { LoginPage } from './pages/LoginPage';
import { MetricsPage } from './pages/MetricsPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { OverviewPage } from './pages/OverviewPage';
import { PlansPage } from './pages/PlansPage';
import { SignupPage } from './pages/SignupPage';
import { navigate, usePathname } from './router';

/** The pages behind the login, by path. */
const SIGNED_IN_PAGES: Record<string, () => JSX.Element> = {
  '/': OverviewPage,
  '/goals': GoalsPage,
  '/metrics': MetricsPage,
  '/forecasts': ForecastsPage,
  '/plans': PlansPage,
  '/evidence': EvidencePage,
  '/coach': CoachPage,
  '/data': DataPage,
};

export function App() {
  const pathname = usePathname();
  const [session, setSession] = useState<Session | null>(null);
  const [sessionError, setSessionError] = useState('');
  const [retries, setRetries] = useState(0);

  const page = SIGNED_IN_PAGES[pathname];

  // Signed-in pages need a session; ask the server (the cookie is HttpOnly) and send strangers to /login.
  useEffect(() => {
    if (!page || session) return;
    let current = true;
    setSessionError('');
    fetchSession().then(
      (found) => {
        if (!current) return;
        if (found) setSession(found);
        else navigate('/login', { replace: true });
      },
      (error: unknown) => {
        if (current) setSessionError(error instanceof Error ? error.message : 'Could not load your account.');
      },
    );
    return () => {
      current = false;
    };
  }, [pathname, session, retries]);

  const signedIn = (next: Session) => {
    setSession(next);
    navigate('/');
  };
  const signedOut = () => {
    setSession(null);
    navigate('/login');
  };

  switch (pathname) {
    case '/signup':
      return <SignupPage onSignedIn={signedIn} />;
    case '/login':
      return <LoginPage onSignedIn={signedIn} />;
    default:
      if (!page) return <NotFoundPage />;
      if (session) {
        const Page = page;
        return (
          <Shell session={session} pathname={pathname} onSignedOut={signedOut}>
            <Page />
          </Shell>
        );
      }
      if (sessionError) return <LoadFailed message={sessionError} onRetry={() => setRetries((n) => n + 1)} />;
      return (
        <p class="loading" role="status">
          Loading your business…
        </p>
      );
  }
}

function LoadFailed({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div class="loading">
      <p role="alert">{message}</p>
      <button type="button" class="button" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
