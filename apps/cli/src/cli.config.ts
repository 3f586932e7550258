/**
 * The environment the CLI reads department settings from (`<DEPT>_URL`,
 * credentials, timeouts), each validated by its adapter's config reader, and
 * `AUDIT_SIGNING_KEY` (whose public half `audit verify` uses by default).
 */
export function cliEnvironment(): Readonly<Record<string, string | undefined>> {
  return { ...process.env };
}
