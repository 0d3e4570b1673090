// The HTTP function's metrics: the EMF lines its own logger writes as handleSlackRequest answers Slack.
import { describe, expect, it } from "vitest";
import { HandOffError } from "../../src/errors.js";
import { createIngressMetrics } from "../../src/ingress/createIngressMetrics.js";
import { handleSlackRequest, type IngressDeps } from "../../src/ingress/handleSlackRequest.js";
import { createJsonLogger } from "../../src/log/logger.js";
import { clickPayload, commandBody, signedHeaders } from "../../local/simulators/slack/slackRequests.js";

const SECRET = "ingress-metrics-secret";
const NOW = Date.parse("2026-11-25T10:00:00Z");
const NAMESPACE = "PackageRestore/test";
const SERVICE = "package-restore-http";

function setup(handOffFails = false) {
  const lines: Array<Record<string, unknown>> = [];
  let clock = NOW;
  const log = createJsonLogger(SERVICE, (line) => lines.push(JSON.parse(line)), { function_request_id: "req-1" });
  const deps: IngressDeps = {
    signingSecret: SECRET,
    policy: { requesters: null, orgs: new Set(["acme"]) },
    requireApproval: true,
    command: "/restore-package",
    handOff: async () => {
      clock += 37;
      if (handOffFails) throw new HandOffError("Lambda answered 500");
    },
    now: () => clock,
    newId: () => "id-1",
    log,
    metrics: createIngressMetrics(log, NAMESPACE, SERVICE, () => NOW),
  };
  const send = (body: string, headers: Record<string, string> = signedHeaders(SECRET, body, NOW)) =>
    handleSlackRequest({ method: "POST", headers, body }, deps);
  /** The metrics in the EMF lines, as CloudWatch would read them: name, value, unit and dimensions. */
  const metrics = () =>
    lines
      .filter((line) => line._aws !== undefined)
      .flatMap((line) => {
        const [directive] = (
          line._aws as {
            CloudWatchMetrics: Array<{
              Namespace: string;
              Dimensions: string[][];
              Metrics: Array<{ Name: string; Unit: string }>;
            }>;
          }
        ).CloudWatchMetrics;
        expect(directive!.Namespace).toBe(NAMESPACE);
        expect((line._aws as { Timestamp: number }).Timestamp).toBe(NOW);
        expect(line.function_request_id).toBe("req-1");
        const dimensions = Object.fromEntries(directive!.Dimensions[0]!.map((key) => [key, line[key]]));
        return directive!.Metrics.map((metric) => ({
          name: metric.Name,
          unit: metric.Unit,
          value: line[metric.Name],
          ...dimensions,
        }));
      });
  return { send, metrics };
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe("the HTTP function's metrics", () => {
  it("count a restore command by kind and time its hand-off", async () => {
    const { send, metrics } = setup();
    await send(form(commandBody({ text: "acme npm left-pad oops" })));
    expect(metrics()).toEqual([
      { name: "requestsReceived", unit: "Count", value: 1, service: SERVICE, kind: "restore" },
      { name: "handOffMs", unit: "Milliseconds", value: 37, service: SERVICE },
    ]);
  });

  it.each([
    ["help", "help"],
    ["acme npm", "invalid"],
    ["history", "history"],
    ["versions acme npm left-pad", "versions"],
  ])("count %j as %s", async (text, kind) => {
    const { send, metrics } = setup();
    await send(form(commandBody({ text })));
    expect(metrics()[0]).toMatchObject({ name: "requestsReceived", kind });
  });

  it("count a click", async () => {
    const { send, metrics } = setup();
    const card = { ts: "1700000000.000001", channel: "C0RESTORE", blocks: [] };
    await send(form(clickPayload({ action: "approve", card, userId: "U0APPROVER1" })));
    expect(metrics()[0]).toMatchObject({ name: "requestsReceived", kind: "click" });
  });

  it("count a hand-off Lambda would not take", async () => {
    const { send, metrics } = setup(true);
    await send(form(commandBody({ text: "acme npm left-pad" })));
    expect(metrics().map((metric) => metric.name)).toEqual(["requestsReceived", "handOffFailures"]);
  });

  it("count a bad signature, and nothing else", async () => {
    const { send, metrics } = setup();
    const body = form(commandBody({ text: "acme npm left-pad" }));
    await send(body, signedHeaders("not-the-secret", body, NOW));
    expect(metrics()).toEqual([{ name: "signaturesRefused", unit: "Count", value: 1, service: SERVICE }]);
  });
});
