/** What a failed form action gives back to its page: a message, one per field, and what was typed. */
export interface FormFailure {
  message: string;
  errors: Record<string, string>;
  values: Record<string, string>;
}

/** The failure in a page's `form` prop, if the last action failed. */
export function failureOf(form: unknown): FormFailure | null {
  if (!form || typeof form !== 'object' || typeof (form as { message?: unknown }).message !== 'string') return null;
  return form as FormFailure;
}

/** A field of the action's successful result, when it has it. */
export function resultField(form: unknown, key: string): string | null {
  if (!form || typeof form !== 'object' || !(key in form)) return null;
  const value = (form as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : null;
}
