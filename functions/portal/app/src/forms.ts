import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, fieldErrorsOf } from './api';

/**
 * Submission state shared by the auth forms: one request at a time, the server's
 * message and field errors, and focus moved to what needs fixing after a failure.
 */
export function useSubmission() {
  const formRef = useRef<HTMLFormElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [failures, setFailures] = useState(0);

  useEffect(() => {
    if (failures === 0) return;
    const firstInvalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (firstInvalid ?? alertRef.current)?.focus();
  }, [failures]);

  async function submit<T>(action: () => Promise<T>, onSuccess: (result: T) => void): Promise<void> {
    if (pending) return;
    setPending(true);
    setMessage('');
    setFieldErrors({});
    try {
      onSuccess(await action());
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setFieldErrors(fieldErrorsOf(error.problem));
      setMessage(error.problem.detail ?? error.problem.title);
      setPending(false);
      setFailures((count) => count + 1);
    }
  }

  function clearFieldError(name: string): void {
    if (!(name in fieldErrors)) return;
    const { [name]: _cleared, ...rest } = fieldErrors;
    setFieldErrors(rest);
  }

  return { formRef, alertRef, pending, message, fieldErrors, submit, clearFieldError };
}

/** Trimmed text of a named form control (passwords are read untrimmed). */
export function readField(form: HTMLFormElement, name: string, { trim = true } = {}): string {
  const value = new FormData(form).get(name);
  const text = typeof value === 'string' ? value : '';
  return trim ? text.trim() : text;
}
