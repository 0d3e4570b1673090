import type { CredentialCheck } from "../domain/doctor/checkGitHubCredential.js";
import type { CredentialMetrics } from "../domain/ports/credentialMetrics.js";
import type { Logger } from "../log/logger.js";

/**
 * A container checks the GitHub credential at most once an hour: often enough that an expired or revoked PAT is
 * found within the hour (and a PAT's expiry a week ahead), and a few GitHub reads an hour, far below its limits.
 */
export const CREDENTIAL_CHECK_EVERY_MS = 3_600_000;
/**
 * The longest the sweep waits for the check. Each GitHub read has 5 s a try and one retry, and App mode reads three
 * times per org, so a hanging GitHub could hold the sweep past Lambda's 120 s and fail it; the check gives up first.
 */
export const CREDENTIAL_CHECK_TIMEOUT_MS = 30_000;

export interface CredentialCheckSchedule {
  /** Runs the check when the last one began an hour or more ago; never throws. Undefined when it was not due. */
  runIfDue(): Promise<CredentialCheck | undefined>;
}

/**
 * The sweep's GitHub credential check, so a quiet bot learns of a broken credential before somebody needs a
 * restore. Each run is counted (`credentialChecks`) and logged; a run that fails is never the sweep's failure.
 * The state is this object's, one per worker container, so each new container checks on its first sweep.
 */
export function createCredentialCheckSchedule(deps: {
  check: () => Promise<CredentialCheck>;
  now: () => Date;
  log: Logger;
  metrics?: CredentialMetrics;
  everyMs?: number;
  timeoutMs?: number;
}): CredentialCheckSchedule {
  const everyMs = deps.everyMs ?? CREDENTIAL_CHECK_EVERY_MS;
  const timeoutMs = deps.timeoutMs ?? CREDENTIAL_CHECK_TIMEOUT_MS;
  let startedAt = Number.NEGATIVE_INFINITY;
  return {
    async runIfDue() {
      const at = deps.now().getTime();
      if (at - startedAt < everyMs) return undefined;
      // Set before the first await: a second sweep racing this one does not check again.
      startedAt = at;
      let verdict: CredentialCheck | "timed_out";
      let timer: NodeJS.Timeout | undefined;
      try {
        verdict = await Promise.race([
          deps.check(),
          new Promise<"timed_out">((resolve) => {
            timer = setTimeout(() => resolve("timed_out"), timeoutMs);
          }),
        ]);
      } catch (error) {
        // A bug, not GitHub's answer: counted as failed so that it is seen, never read as a pass.
        const reason = error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : "unknown error";
        deps.metrics?.credentialChecked("failed", "check_error");
        deps.log.error("GitHub credential check failed", { code: "check_error", reason });
        return undefined;
      } finally {
        clearTimeout(timer);
      }
      if (verdict === "timed_out") {
        // GitHub too slow to answer is GitHub unavailable, not a broken credential.
        deps.metrics?.credentialChecked("github_unavailable");
        deps.log.warn("GitHub credential check could not be made", {
          problem: `GitHub's answers took longer than ${timeoutMs / 1000} s.`,
        });
        return undefined;
      }
      if (verdict.result === "failed") {
        deps.metrics?.credentialChecked("failed", verdict.code);
        deps.log.error("GitHub credential check failed", describe(verdict.failing, verdict.code));
      } else if (verdict.result === "github_unavailable") {
        deps.metrics?.credentialChecked("github_unavailable");
        deps.log.warn("GitHub credential check could not be made", describe(verdict.failing));
      } else {
        deps.metrics?.credentialChecked("ok");
        deps.log.info("GitHub credential check passed", { checks: verdict.results.length });
      }
      return verdict;
    },
  };
}

function describe(failing: CredentialCheck["results"][number], code?: string): Record<string, unknown> {
  if (failing.ok) return { check: failing.check };
  return { ...(code ? { code } : {}), check: failing.check, problem: failing.problem, fix: failing.fix };
}
