import { ApiError } from '../api/client';

/** A write's error under its form: the API's message and, per field, what was wrong. */
export function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : null;
  return (
    <div className="form-error" role="alert">
      <p className="form-error-title">{apiError?.message ?? (error instanceof Error ? error.message : 'That did not work; try again.')}</p>
      {apiError && apiError.fieldErrors.length > 0 && (
        <ul>
          {apiError.fieldErrors.map((f) => (
            <li key={`${f.field}-${f.rule}`}>
              <code>{f.field}</code>: {f.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
