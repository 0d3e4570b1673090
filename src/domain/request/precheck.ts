import type { PackageRestorer } from "../ports/packageRestorer.js";
import type { Precheck } from "./restoreOutcome.js";
import { withDeadline } from "./withDeadline.js";
import type { ResolvedRequest } from "../command/restoreRequest.js";

/** GitHub restores packages and versions deleted within the last 30 days. */
export const RESTORE_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;
/** A pre-check is advice: it may not hold a command up longer than this. */
export const PRECHECK_TIMEOUT_MS = 20_000;

/** Runs the pre-check; never throws and never takes longer than PRECHECK_TIMEOUT_MS. */
export async function runPrecheck(
  github: Pick<PackageRestorer, "precheck">,
  request: ResolvedRequest,
  now: () => Date,
): Promise<Precheck> {
  const found = await withDeadline(
    github.precheck(request),
    PRECHECK_TIMEOUT_MS,
    (why): Precheck => ({
      kind: "unknown",
      detail: why === "timeout" ? "GitHub took too long to answer" : "the lookup failed",
    }),
  );
  return { ...withinWindow(found, now()), checkedAt: now().toISOString() };
}

/** GitHub lists versions deleted long ago too; past the window a restore fails. */
export function withinWindow(precheck: Precheck, now: Date): Precheck {
  if (precheck.kind !== "restorable" || precheck.deletedAt === undefined) return precheck;
  return isPastWindow(precheck.deletedAt, now) ? { ...precheck, kind: "too_old" } : precheck;
}

export function isPastWindow(deletedAt: string, now: Date): boolean {
  return now.getTime() - Date.parse(deletedAt) > RESTORE_WINDOW_DAYS * DAY_MS;
}
