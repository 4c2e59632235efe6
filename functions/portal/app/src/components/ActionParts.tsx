/** A form's primary button, saying what is happening while its request runs. */
export function SubmitButton({ pending, label, pendingLabel }: { pending: boolean; label: string; pendingLabel: string }) {
  return (
    <button type="submit" class="button button--primary" disabled={pending}>
      {pending ? pendingLabel : label}
    </button>
  );
}

/** Always mounted so screen readers announce the message when it appears. */
export function ErrorAlert({ message }: { message: string }) {
  return (
    <div role="alert" class="form-alert" hidden={!message}>
      {message}
    </div>
  );
}
