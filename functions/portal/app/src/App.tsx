import { useEffect, useState } from 'preact/hooks';
import { type Session, fetchSession } from './auth';
import { DashboardPage } from './pages/DashboardPage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SignupPage } from './pages/SignupPage';
import { navigate, usePathname } from './router';

export function App() {
  const pathname = usePathname();
  const [session, setSession] = useState<Session | null>(null);
  const [sessionError, setSessionError] = useState('');
  const [retries, setRetries] = useState(0);

  // The dashboard needs a session; ask the server (the cookie is HttpOnly) and send strangers to /login.
  useEffect(() => {
    if (pathname !== '/' || session) return;
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
    case '/':
      if (session) return <DashboardPage session={session} onSignedOut={signedOut} />;
      if (sessionError) return <LoadFailed message={sessionError} onRetry={() => setRetries((n) => n + 1)} />;
      return (
        <p class="loading" role="status">
          Loading your business…
        </p>
      );
    default:
      return <NotFoundPage />;
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
