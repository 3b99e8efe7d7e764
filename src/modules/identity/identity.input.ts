/** A trimmed form value; one character past `max` is kept so the length check can still fail. */
export function text(value: unknown, max = 100): string {
  return typeof value === 'string' ? value.trim().slice(0, max + 1) : '';
}
