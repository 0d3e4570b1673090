import { emfFields, type EmfMetric } from "../log/emfFields.js";
import type { Logger } from "../log/logger.js";

/** What Slack sent that passed the signature check: a command by its first word's meaning, or a button click. */
export type ReceivedKind =
  | "restore"
  | "versions"
  | "history"
  | "help"
  | "doctor"
  | "invalid"
  | "other_command"
  | "click";

/** The HTTP function's counts (docs/operations.md). Never throws. */
export interface IngressMetrics {
  received(kind: ReceivedKind): void;
  /** A request refused for its Slack signature (or its absence). */
  signatureRefused(): void;
  /** The job reached the worker's queue, `ms` after the hand-off began. */
  handedOff(ms: number): void;
  /** Lambda would not take the job: the person was told nothing was done. */
  handOffFailed(): void;
}

/**
 * Writes each count as one embedded-metric log line through `log` (the invocation's logger, so the line carries
 * the Lambda request ID and trace ID too), under the dimension `service`.
 */
export function createIngressMetrics(
  log: Logger,
  namespace: string,
  service: string,
  now: () => number = Date.now,
): IngressMetrics {
  const write = (metric: EmfMetric, dimension?: [string, string]) => {
    const dimensions = dimension ? { service, [dimension[0]]: dimension[1] } : { service };
    log.info("metric", emfFields(namespace, dimensions, [metric], now()));
  };
  return {
    received: (kind) => write({ name: "requestsReceived", unit: "Count", value: 1 }, ["kind", kind]),
    signatureRefused: () => write({ name: "signaturesRefused", unit: "Count", value: 1 }),
    handedOff: (ms) => write({ name: "handOffMs", unit: "Milliseconds", value: Math.round(ms) }),
    handOffFailed: () => write({ name: "handOffFailures", unit: "Count", value: 1 }),
  };
}
