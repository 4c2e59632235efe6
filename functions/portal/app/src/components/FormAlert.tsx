import type { Ref } from 'preact';

/** Always mounted so screen readers announce the message when it appears. */
export function FormAlert({ message, alertRef }: { message: string; alertRef: Ref<HTMLDivElement> }) {
  return (
    <div ref={alertRef} role="alert" tabIndex={-1} class="form-alert" hidden={!message}>
      {message}
    </div>
  );
}
