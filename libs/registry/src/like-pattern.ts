/**
 * The escape character for LIKE. Not the usual backslash: a backslash inside an
 * SQL string literal is itself an escape on MySQL but not on SQLite, so
 * `ESCAPE '\'` cannot be written the same way for both. `!` means the same
 * everywhere, and with an explicit ESCAPE clause a backslash is an ordinary
 * character on both databases.
 */
export const LIKE_ESCAPE = '!';

/** Makes user text match literally inside a LIKE pattern: `%`, `_` and `!` lose their meaning. */
export function escapeLikePattern(text: string): string {
  return text.replace(/[!%_]/g, (character) => `${LIKE_ESCAPE}${character}`);
}
