import type { RespondFn } from "@slack/bolt";
import type { FlowDeps } from "../domain/request/flowDeps.js";
import { sweepRequests, type SweepSummary } from "../domain/request/sweepRequests.js";
import { PackageRestoreError } from "../errors.js";
import type { Logger } from "../log/logger.js";

/** Some requests could not be swept; thrown so the scheduled invocation is retried and, if it keeps failing, dead-lettered (and alarmed on). */
export class SweepFailedError extends PackageRestoreError {
  constructor(readonly failed: SweepSummary["failed"]) {
    super(
      `The sweep could not handle ${failed.length} request(s): ${failed.map((failure) => failure.requestId).join(", ")}; see the log line "Sweep could not handle a request" for each.`,
    );
  }
}

/** Runs one sweep and logs what it did. */
export async function runSweep(deps: FlowDeps, log: Logger): Promise<SweepSummary> {
  const summary = await sweepRequests(deps).catch((error: unknown) => {
    // Could not even list the requests (the store is down): a failed sweep all the same.
    deps.metrics?.sweepFinished(false);
    throw error;
  });
  deps.metrics?.sweepFinished(summary.failed.length === 0);
  for (const failure of summary.failed) log.error("Sweep could not handle a request", failure);
  log.info("Sweep finished", {
    looked: summary.looked,
    expired: summary.expired,
    settled: summary.settled,
    failed: summary.failed.length,
  });
  if (summary.failed.length > 0) throw new SweepFailedError(summary.failed);
  return summary;
}

/**
 * The sweep acts on nobody's command, so it has no response URL: a flow that
 * tries to answer privately from it is a bug, and fails loudly.
 */
export const answerNobody: RespondFn = async () => {
  throw new PackageRestoreError(
    "The sweep has nobody to answer privately; only threads and cards can be updated from it.",
  );
};
