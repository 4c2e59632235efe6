import { type Session, login } from '../auth';
import { AuthLayout } from '../components/AuthLayout';
import { Field } from '../components/Field';
import { FormAlert } from '../components/FormAlert';
import { Link } from '../components/Link';
import { readField, useSubmission } from '../forms';

export function LoginPage({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const { formRef, alertRef, pending, message, fieldErrors, submit, clearFieldError } = useSubmission();

  const onSubmit = (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    void submit(
      () => login({ email: readField(form, 'email'), password: readField(form, 'password', { trim: false }) }),
      onSignedIn,
    );
  };

  return (
    <AuthLayout
      title="Log in"
      intro="Welcome back. Pick up where your numbers left off."
      footer={
        <>
          New to Dyocense? <Link href="/signup">Create an account</Link>
        </>
      }
    >
      <form ref={formRef} class="form" noValidate onSubmit={onSubmit} aria-busy={pending}>
        <FormAlert message={message} alertRef={alertRef} />
        <Field name="email" label="Email" type="email" autocomplete="email" error={fieldErrors.email} onEdit={clearFieldError} />
        <Field
          name="password"
          label="Password"
          type="password"
          autocomplete="current-password"
          error={fieldErrors.password}
          onEdit={clearFieldError}
        />
        <button type="submit" class="button button--primary" disabled={pending}>
          {pending ? 'Logging in…' : 'Log in'}
        </button>
      </form>
    </AuthLayout>
  );
}
