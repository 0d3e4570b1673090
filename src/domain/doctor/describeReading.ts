import type { GitHubReading } from "../ports/doctorProbes.js";

/** "401 Bad credentials", or "no answer (…)" when GitHub never answered. */
export function describeReading(reading: GitHubReading): string {
  if (reading.status === 0) return `no answer (${reading.message ?? "unknown error"})`;
  return reading.message ? `${reading.status} ${reading.message}` : String(reading.status);
}

export const UNREACHABLE_FIX =
  "Check GITHUB_API_URL and that the function can reach GitHub, then run the doctor again.";

/** No answer, a 5xx or a rate limit: GitHub could not be asked, which says nothing about the credential. */
export function isUnavailable(reading: GitHubReading): boolean {
  return reading.status === 0 || reading.status === 429 || reading.status >= 500;
}
