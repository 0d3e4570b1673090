/**
 * One line of the doctor's answer: ✓ with what was found, or ✗ with what is wrong and the fix in one sentence. A
 * GitHub check's ✗ carries a short fixed `code` too (see CredentialCheckCode), which the scheduled credential check
 * writes as a metric dimension.
 */
export type CheckResult =
  | { ok: true; check: string; detail: string }
  | { ok: false; check: string; problem: string; fix: string; code?: CredentialCheckCode };

/**
 * Why a GitHub check failed. `github_unavailable` means the check could not be made (no answer, a 5xx, a rate
 * limit): it says nothing about the credential. `no_orgs` is a setting the doctor asks for, not a credential fault.
 */
export type CredentialCheckCode =
  | "bad_credentials"
  | "not_classic_pat"
  | "missing_scopes"
  | "expires_soon"
  | "refused"
  | "app_not_installed"
  | "app_suspended"
  | "app_permissions"
  | "sso_required"
  | "forbidden"
  | "app_token_refused"
  | "no_orgs"
  | "github_unavailable";

export function passed(check: string, detail: string): CheckResult {
  return { ok: true, check, detail };
}

export function failed(check: string, problem: string, fix: string, code?: CredentialCheckCode): CheckResult {
  return code === undefined ? { ok: false, check, problem, fix } : { ok: false, check, problem, fix, code };
}
