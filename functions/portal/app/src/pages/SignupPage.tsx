import { type Session, signup } from '../auth';
import { AuthLayout } from '../components/AuthLayout';
import { Field } from '../components/Field';
import { FormAlert } from '../components/FormAlert';
import { Link } from '../components/Link';
import { readField, useSubmission } from '../forms';

export function SignupPage({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const { formRef, alertRef, pending, message, fieldErrors, submit, clearFieldError } = useSubmission();

  const onSubmit = (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    void submit(
      () =>
        signup({
          name: readField(form, 'name'),
          businessName: readField(form, 'businessName'),
          email: readField(form, 'email'),
          password: readField(form, 'password', { trim: false }),
        }),
      onSignedIn,
    );
  };

  return (
    <AuthLayout
      title="Create your account"
      intro="Set up your business in a minute. Every number you'll see comes from an engine you can check."
      footer={
        <>
          Already have an account? <Link href="/login">Log in</Link>
        </>
      }
    >
      {/* noValidate: the server is the single judge of input; its messages appear beside each field. */}
      <form ref={formRef} class="form" noValidate onSubmit={onSubmit} aria-busy={pending}>
        <FormAlert message={message} alertRef={alertRef} />
        <Field name="name" label="Your name" autocomplete="name" error={fieldErrors.name} onEdit={clearFieldError} />
        <Field
          name="businessName"
          label="Business name"
          autocomplete="organization"
          error={fieldErrors.businessName}
          onEdit={clearFieldError}
        />
        <Field name="email" label="Email" type="email" autocomplete="email" error={fieldErrors.email} onEdit={clearFieldError} />
        <Field
          name="password"
          label="Password"
          type="password"
          autocomplete="new-password"
          hint="At least 10 characters."
          error={fieldErrors.password}
          onEdit={clearFieldError}
        />
        <button type="submit" class="button button--primary" disabled={pending}>
          {pending ? 'Creating account…' : 'Create account'}
        </button>
      </form>
    </AuthLayout>
  );
}
