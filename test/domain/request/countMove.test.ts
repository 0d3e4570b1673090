// The request flows' metrics as CloudWatch reads them: the EMF lines Powertools Metrics writes to stdout when the
// flows run with the worker's metrics adapter (fakes for Slack, GitHub and the store).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { handleCommand } from "../../../src/domain/request/handleCommand.js";
import { handleDecision } from "../../../src/domain/request/handleDecision.js";
import { sweepRequests } from "../../../src/domain/request/sweepRequests.js";
import { createPowertoolsMetrics } from "../../../src/metrics/createPowertoolsMetrics.js";
import { countMove } from "../../../src/domain/request/countMove.js";
import type { RequestRecord } from "../../../src/domain/request/requestRecord.js";
import { captureLogLines } from "../../support/captureLogLines.js";
import {
  APPROVER,
  DIRECT,
  HOUR,
  REQUESTER,
  TTL_MS,
  START,
  leftPad,
  click,
  commandJob,
  deps,
  seed,
  type TestDeps,
} from "./flowFakes.js";

const SERVICE = "package-restore-metrics-test";
const NAMESPACE = "PackageRestore/test";
let capture: ReturnType<typeof captureLogLines>;
beforeEach(() => {
  capture = captureLogLines(SERVICE);
});
afterEach(() => capture.stop());

const withMetrics = (overrides: Partial<TestDeps> = {}): TestDeps =>
  deps({ metrics: createPowertoolsMetrics({ namespace: NAMESPACE, serviceName: SERVICE }), ...overrides });

interface Emitted {
  name: string;
  value: unknown;
  unit: string;
  dimensions: Record<string, unknown>;
}

/** Every metric in the captured EMF lines, checked against the format CloudWatch reads. */
function emitted(): Emitted[] {
  return capture.lines.flatMap((line) => {
    const aws = line._aws as {
      Timestamp: number;
      CloudWatchMetrics: Array<{
        Namespace: string;
        Dimensions: string[][];
        Metrics: Array<{ Name: string; Unit: string }>;
      }>;
    };
    expect(typeof aws.Timestamp).toBe("number");
    return aws.CloudWatchMetrics.flatMap((directive) => {
      expect(directive.Namespace).toBe(NAMESPACE);
      const keys = directive.Dimensions.flat();
      const dimensions = Object.fromEntries(keys.map((key) => [key, line[key]]));
      return directive.Metrics.map((metric) => ({
        name: metric.Name,
        unit: metric.Unit,
        value: line[metric.Name],
        dimensions,
      }));
    });
  });
}
const named = (name: string) => emitted().filter((metric) => metric.name === name);

describe("the flows' metrics, as EMF lines", () => {
  it("an approved restore: the card's time from the command, the approval, the outcome and the time from the approval", async () => {
    const d = withMetrics();
    const pending = await handleCommand(commandJob(), d);
    d.clock.advance(90_000);
    await handleDecision(click(pending, "approve", APPROVER), d);

    expect(named("commandToCardMs")).toEqual([
      { name: "commandToCardMs", unit: "Milliseconds", value: 0, dimensions: { service: SERVICE } },
    ]);
    expect(named("requestsApproved")).toEqual([
      { name: "requestsApproved", unit: "Count", value: 1, dimensions: { service: SERVICE } },
    ]);
    expect(named("restores")).toEqual([
      { name: "restores", unit: "Count", value: 1, dimensions: { service: SERVICE, outcome: "restored" } },
    ]);
    // The fake clock stands still between the approval and the outcome; the command was 90 s before.
    expect(named("approvalToOutcomeMs").map((metric) => metric.value)).toEqual([0]);
    expect(named("commandToOutcomeMs")).toEqual([]);
  });

  it("a restore failing on credentials counts under its outcome; the direct path times it from the command", async () => {
    const d = withMetrics({ approval: DIRECT });
    d.github.outcome = { kind: "bad_credentials", status: 401 };
    await handleCommand(commandJob(), d);
    expect(named("restores").map((metric) => metric.dimensions)).toEqual([
      { service: SERVICE, outcome: "bad_credentials" },
    ]);
    expect(named("commandToOutcomeMs")).toHaveLength(1);
    expect(named("approvalToOutcomeMs")).toEqual([]);
  });

  it("denied and cancelled requests, and refused clicks by reason", async () => {
    const d = withMetrics();
    const first = await handleCommand(commandJob({ id: "cmd-1" }), d);
    await handleDecision(click(first, "approve", REQUESTER), d);
    await handleDecision(click(first, "deny", APPROVER), d);
    const second = await handleCommand(commandJob({ id: "cmd-2" }), d);
    await handleDecision(click(second, "cancel", REQUESTER), d);

    expect(named("requestsRefused").map((metric) => metric.dimensions.reason)).toEqual(["self_approval"]);
    expect(named("requestsDenied")).toHaveLength(1);
    expect(named("requestsCancelled")).toHaveLength(1);
    expect(named("restores")).toEqual([]);
  });

  it("a refused requester and a duplicate count as refusals by reason, never by request ID", async () => {
    const d = withMetrics({ isRequester: async (userId) => userId !== "U0MALLORY" });
    await handleCommand(commandJob({ id: "cmd-1" }), d);
    await handleCommand(commandJob({ id: "cmd-2" }), d);
    await handleCommand(commandJob({ id: "cmd-3", requester: { teamId: "T0ACME", userId: "U0MALLORY" } }), d);
    expect(named("requestsRefused").map((metric) => metric.dimensions.reason)).toEqual([
      "duplicate",
      "requester_not_allowed",
    ]);
  });

  it("a card Slack won't take counts with Slack's error", async () => {
    const d = withMetrics();
    d.chat.canPost = false;
    await handleCommand(commandJob(), d);
    expect(named("cardsNotPosted").map((metric) => metric.dimensions)).toEqual([
      { service: SERVICE, slackError: "not_in_channel" },
    ]);
    expect(named("commandToCardMs")).toEqual([]);
  });

  it("the sweep's expiry counts as expired", async () => {
    const d = withMetrics();
    await seed(d.store, {
      state: "pending",
      thread: { channelId: "C0DEV", ts: "1700000000.000009" },
      expiresAt: new Date(d.clock.now().getTime() + TTL_MS).toISOString(),
    });
    d.clock.advance(TTL_MS + HOUR);
    await sweepRequests(d);
    expect(named("requestsExpired")).toHaveLength(1);
  });

  it("a redelivered job that finds the work done counts nothing again", async () => {
    const d = withMetrics();
    const pending = await handleCommand(commandJob(), d);
    const approve = click(pending, "approve", APPROVER);
    await handleDecision(approve, d);
    const before = emitted().length;
    expect(before).toBeGreaterThan(0);
    await handleDecision(approve, d);
    await handleCommand(commandJob(), d);
    expect(emitted()).toHaveLength(before);
  });
});

describe("countMove: repairs", () => {
  const calls: string[] = [];
  const recording = {
    refused: () => undefined,
    decided: () => undefined,
    cardPosted: () => undefined,
    cardNotPosted: () => undefined,
    restoreFinished: (outcome: string) => calls.push(`restore:${outcome}`),
    repairFinished: (outcome: string) => calls.push(`repair:${outcome}`),
    sweepFinished: () => undefined,
  };
  const repairRecord = (state: "restoring" | "restored" | "failed", pulls: boolean): RequestRecord => ({
    id: "repair-1",
    mode: "approval",
    requester: { teamId: "T0ACME", userId: REQUESTER },
    channelId: "C0DEV",
    request: { ...leftPad, packageType: "container", target: { kind: "repair", reference: { tag: "1.0" } } },
    createdAt: START,
    updatedAt: START,
    state,
    outcome: { kind: state === "failed" ? ("not_found" as const) : ("restored" as const) },
    repair: {
      diagnosis: [],
      items: [],
      verification: [{ reference: "1.0", kind: pulls ? ("healthy" as const) : ("repairable" as const), children: [] }],
    },
  });

  it.each([
    ["restored", true, ["restore:restored", "repair:repaired"]],
    ["restored", false, ["restore:restored", "repair:incomplete"]],
    ["failed", false, ["restore:not_found", "repair:incomplete"]],
  ] as const)("a repair ending %s (tag pulls: %s) counts %j", (state, pulls, expected) => {
    calls.length = 0;
    countMove(recording, repairRecord("restoring", false), repairRecord(state, pulls));
    expect(calls).toEqual(expected);
  });
});
