// The sweep's own metric, as the sweep-failing alarm reads it: every run counted as succeeded or failed.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StoreUnavailableError } from "../../src/errors.js";
import { createJsonLogger } from "../../src/log/logger.js";
import { createPowertoolsMetrics } from "../../src/metrics/createPowertoolsMetrics.js";
import { runSweep } from "../../src/worker/runSweep.js";
import { captureLogLines } from "../support/captureLogLines.js";
import { HOUR, TTL_MS, deps, seed } from "../domain/request/flowFakes.js";

const SERVICE = "package-restore-sweep-metrics-test";
let capture: ReturnType<typeof captureLogLines>;
beforeEach(() => {
  capture = captureLogLines(SERVICE);
});
afterEach(() => capture.stop());

const results = () => capture.lines.filter((line) => line.sweeps === 1).map((line) => line.result);
const quiet = createJsonLogger("sweep-test", () => undefined);
const metrics = () => createPowertoolsMetrics({ namespace: "package-restore/test", serviceName: SERVICE });

describe("runSweep's metric", () => {
  it("counts a sweep that handled everything as succeeded", async () => {
    await runSweep(deps({ metrics: metrics() }), quiet);
    expect(results()).toEqual(["succeeded"]);
  });

  it("counts a sweep that could not handle a request as failed, and still throws", async () => {
    const d = deps({ metrics: metrics() });
    await seed(d.store, {
      state: "pending",
      thread: { channelId: "C0DEV", ts: "1700000000.000009" },
      expiresAt: new Date(d.clock.now().getTime() + TTL_MS).toISOString(),
    });
    d.clock.advance(TTL_MS + HOUR);
    d.chat.updateCard = async () => {
      throw new Error("Slack is down");
    };
    await expect(runSweep(d, quiet)).rejects.toThrow(/could not handle 1 request/);
    expect(results()).toEqual(["failed"]);
  });

  it("counts a sweep that could not list the requests as failed", async () => {
    const d = deps({ metrics: metrics() });
    d.store.listRecent = async () => {
      throw new StoreUnavailableError("DynamoDB could not be reached.");
    };
    await expect(runSweep(d, quiet)).rejects.toThrow(StoreUnavailableError);
    expect(results()).toEqual(["failed"]);
  });
});
