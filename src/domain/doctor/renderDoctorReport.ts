import type { CheckResult } from "./checkResult.js";

/** The doctor's answer: a summary, then one line per check, ✓ or ✗, each ✗ with its fix. Plain text. */
export function renderDoctorReport(results: readonly CheckResult[]): string {
  const failures = results.filter((result) => !result.ok).length;
  const summary =
    failures === 0 ? `All ${results.length} checks pass.` : `${failures} of ${results.length} checks found a problem.`;
  const lines = results.map((result) =>
    result.ok ? `✓ ${result.check}: ${result.detail}` : `✗ ${result.check}: ${result.problem} Fix: ${result.fix}`,
  );
  return [summary, ...lines].join("\n");
}
