import { describe, expect, it } from "vitest";
import type { HealthComponent } from "../../src/domain/ports/doctorProbes.js";
import { createJsonLogger } from "../../src/log/logger.js";
import { createHeartbeat, WORKER_HEARTBEAT_EVERY_MS } from "../../src/worker/createHeartbeat.js";

function recorder(failFirst = 0) {
  const writes: Array<[HealthComponent, string]> = [];
  let failures = failFirst;
  return {
    writes,
    health: {
      async recordSuccess(component: HealthComponent, at: Date) {
        if (failures-- > 0) throw new Error("store down");
        writes.push([component, at.toISOString()]);
      },
      lastSuccess: async () => undefined,
    },
  };
}

const at = (ms: number) => new Date(Date.UTC(2026, 11, 7) + ms);
const lines: string[] = [];
const log = createJsonLogger("test", (line) => lines.push(line));

describe("createHeartbeat", () => {
  it("records the worker at most once a minute, and the sweep every time", async () => {
    const { writes, health } = recorder();
    const heartbeat = createHeartbeat(health, log);
    await heartbeat.beat("worker", at(0));
    await heartbeat.beat("worker", at(WORKER_HEARTBEAT_EVERY_MS - 1));
    await heartbeat.beat("worker", at(WORKER_HEARTBEAT_EVERY_MS));
    await heartbeat.beat("sweep", at(1));
    await heartbeat.beat("sweep", at(2));
    expect(writes.map(([component]) => component)).toEqual(["worker", "worker", "sweep", "sweep"]);
  });

  it("logs a failed write instead of failing the job, and tries again on the next success", async () => {
    const { writes, health } = recorder(1);
    const heartbeat = createHeartbeat(health, log);
    await expect(heartbeat.beat("worker", at(0))).resolves.toBeUndefined();
    await heartbeat.beat("worker", at(1));
    expect(writes).toEqual([["worker", at(1).toISOString()]]);
    expect(lines.some((line) => line.includes("Could not record a successful run for doctor"))).toBe(true);
  });
});
