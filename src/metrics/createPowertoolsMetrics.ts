import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import type { MetricUnit as Unit } from "@aws-lambda-powertools/metrics/types";
import type { CredentialMetrics } from "../domain/ports/credentialMetrics.js";
import type { RequestMetrics } from "../domain/ports/requestMetrics.js";
import type { CallMetrics } from "./callMetrics.js";

const DECIDED = { approved: "approved", denied: "denied", cancelled: "cancelled", expired: "expired" } as const;

/**
 * The worker's metrics: Powertools for AWS Lambda's Metrics, writing CloudWatch embedded metric format to stdout,
 * which CloudWatch Logs turns into metrics in `namespace` with the dimension `service` (and one more where a
 * metric has a reason or outcome). Every metric is its own line, written at once (`singleMetric`): nothing waits
 * for a flush that a failing job would skip. The names are listed in docs/operations.md and read by
 * serverless.yml's alarms and dashboard.
 */
export function createPowertoolsMetrics(options: {
  namespace: string;
  serviceName: string;
}): RequestMetrics & CallMetrics & CredentialMetrics {
  const metrics = new Metrics({ namespace: options.namespace, serviceName: options.serviceName });
  /** `extra`: a second dimension set on the same line (Powertools' addDimensions adds a set of its own). */
  const emit = (
    name: string,
    unit: Unit,
    value: number,
    dimension?: [string, string],
    extra?: Record<string, string>,
  ) => {
    try {
      const single = metrics.singleMetric();
      if (dimension) single.addDimension(dimension[0], dimension[1]);
      if (extra) single.addDimensions(extra);
      single.addMetric(name, unit, value);
    } catch {
      // A metric never fails the job that counts it; Powertools only throws on a malformed metric, a bug to see in tests.
    }
  };
  const count = (name: string, dimension?: [string, string]) => emit(name, MetricUnit.Count, 1, dimension);
  const ms = (name: string, value: number) => emit(name, MetricUnit.Milliseconds, Math.round(value));
  return {
    refused: (reason) => count("requestsRefused", ["reason", reason]),
    decided: (decision) => count(`requests${capitalised(DECIDED[decision])}`),
    cardPosted: (msSinceCommand) => ms("commandToCardMs", msSinceCommand),
    cardNotPosted: (slackError) => count("cardsNotPosted", ["slackError", slackError]),
    restoreFinished(outcome, timing) {
      count("restores", ["outcome", outcome]);
      if (timing.sinceApprovalMs !== undefined) ms("approvalToOutcomeMs", timing.sinceApprovalMs);
      else ms("commandToOutcomeMs", timing.sinceCommandMs);
    },
    repairFinished: (outcome) => count("repairs", ["outcome", outcome]),
    sweepFinished: (succeeded) => count("sweeps", ["result", succeeded ? "succeeded" : "failed"]),
    // Two dimension sets on one line: `result` for the alarm, and the failing check's `code` for people.
    credentialChecked: (result, code) =>
      emit("credentialChecks", MetricUnit.Count, 1, ["result", result], code === undefined ? undefined : { code }),
    githubCall(callMs, status) {
      ms("githubCallMs", callMs);
      if (status === "network" || status >= 400) count("githubErrors", ["status", String(status)]);
    },
    slackCall(callMs, error) {
      ms("slackCallMs", callMs);
      if (error !== undefined) count("slackErrors", ["error", error]);
    },
  };
}

function capitalised(word: string): string {
  return `${word[0]?.toUpperCase() ?? ""}${word.slice(1)}`;
}
