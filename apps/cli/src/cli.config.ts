/**
 * The environment the CLI reads department settings from (`<DEPT>_URL`,
 * credentials, timeouts), each validated by its adapter's config reader.
 */
export function cliEnvironment(): Readonly<Record<string, string | undefined>> {
  return { ...process.env };
}
