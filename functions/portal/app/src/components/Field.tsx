interface FieldProps {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password';
  autocomplete: string;
  hint?: string;
  error?: string | undefined;
  onEdit?: (name: string) => void;
}

/** A labelled input whose hint and error are announced with it (aria-describedby). */
export function Field({ name, label, type = 'text', autocomplete, hint, error, onEdit }: FieldProps) {
  const id = `field-${name}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={error ? 'field field--invalid' : 'field'}>
      <label for={id}>{label}</label>
      <input
        id={id}
        name={name}
        // Preact types `type` as a per-value union (tied to allowed roles); one literal at a time satisfies it.
        type={type as 'text'}
        autocomplete={autocomplete}
        required
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
        onInput={() => onEdit?.(name)}
      />
      {hint && (
        <p id={hintId} class="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} class="field__error">
          {error}
        </p>
      )}
    </div>
  );
}
