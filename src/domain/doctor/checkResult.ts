/** One line of the doctor's answer: ✓ with what was found, or ✗ with what is wrong and the fix in one sentence. */
export type CheckResult =
  | { ok: true; check: string; detail: string }
  | { ok: false; check: string; problem: string; fix: string };

export function passed(check: string, detail: string): CheckResult {
  return { ok: true, check, detail };
}

export function failed(check: string, problem: string, fix: string): CheckResult {
  return { ok: false, check, problem, fix };
}
