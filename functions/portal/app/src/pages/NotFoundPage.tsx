import { AuthLayout } from '../components/AuthLayout';
import { Link } from '../components/Link';

export function NotFoundPage() {
  return (
    <AuthLayout
      title="Page not found"
      intro="There is nothing at this address."
      footer={<Link href="/">Go to your dashboard</Link>}
    >
      {null}
    </AuthLayout>
  );
}
