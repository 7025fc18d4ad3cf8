/** The result of an operation whose failure is expected (bad input, unreadable file). */
export type Outcome<T, E = string> = { ok: true; value: T } | { ok: false; errors: E[] };

export const ok = <T>(value: T): Outcome<T, never> => ({ ok: true, value });
export const fail = <E>(...errors: E[]): Outcome<never, E> => ({ ok: false, errors });
