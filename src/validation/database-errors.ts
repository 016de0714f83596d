/**
 * A database refusing a value the client sent: PostgreSQL's SQLSTATE class 22, "data exception"
 * (a number out of range, a NUL byte in text, a malformed date), and SQLite's SQLITE_MISMATCH
 * (a value of the wrong type where SQLite needs an integer: an offset beyond 64 bits). On a read
 * these come from the request, so they are the client's error (400), not the server's (500).
 */
export const isDatabaseValueError = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (/^22[0-9A-Z]{3}$/.test(code) || code === 'SQLITE_MISMATCH');
};

export const DATABASE_VALUE_MESSAGE = 'A value in the query cannot be compared with the stored data (out of range or malformed)';

/** NUL cannot be stored in text (PostgreSQL refuses it); a query that contains one is malformed. */
export const containsNul = (value: unknown): boolean => {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(containsNul);
  if (typeof value === 'object' && value !== null) return Object.entries(value).some(([key, child]) => key.includes('\u0000') || containsNul(child));
  return false;
};
