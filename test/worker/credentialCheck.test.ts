// The sweep's hourly GitHub credential check, end to end: the real worker's sweep → the doctor's GitHub checks →
// the GitHub simulator, read through the EMF lines the github-credential-check alarm reads and the worker's log.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LOCAL_PAT } from "../../local/localIdentities.js";
import type { Env } from "../../src/config/readEnv.js";
import { createPowertoolsMetrics } from "../../src/metrics/createPowertoolsMetrics.js";
import { captureLogLines } from "../support/captureLogLines.js";
import { startTestStack, type TestStack } from "../support/startTestStack.js";

const METRICS_SERVICE = "package-restore-credential-check-test";
const HOUR = 3_600_000;
let stack: TestStack | undefined;
let metricLines: ReturnType<typeof captureLogLines>;
let clock: Date;
beforeEach(() => {
  metricLines = captureLogLines(METRICS_SERVICE);
  clock = new Date("2026-12-07T03:00:00Z");
});
afterEach(async () => {
  await stack?.close();
  stack = undefined;
  metricLines.stop();
});

async function start(env: Env = {}) {
  stack = await startTestStack(
    { GITHUB_AUTH: "token", RESTORE_ORGS: "acme", ...env },
    {
      now: () => clock,
      metrics: createPowertoolsMetrics({ namespace: "package-restore/test", serviceName: METRICS_SERVICE }),
    },
  );
  return stack;
}

/** Each credentialChecks line as `result` or `result/code`. */
const checks = () =>
  metricLines.lines
    .filter((line) => line.credentialChecks === 1)
    .map((line) => (line.code ? `${line.result}/${line.code}` : line.result));
const sweeps = () => metricLines.lines.filter((line) => line.sweeps === 1).map((line) => line.result);
const githubCalls = (s: TestStack) => s.github.calls.map((call) => `${call.method} ${call.rawPath.split("?")[0]}`);
const logged = (s: TestStack, message: string) => s.logs.filter((line) => line.message === message);

describe("the sweep's GitHub credential check", () => {
  it("emits ok for a good PAT, reading only, and skips GitHub on a second sweep within the hour", async () => {
    const s = await start();
    await s.worker.runSweep();
    expect(checks()).toEqual(["ok"]);
    expect(githubCalls(s)).toEqual(["GET /user", "GET /orgs/acme/packages"]);
    expect(logged(s, "GitHub credential check passed")).toHaveLength(1);

    s.github.reset();
    clock = new Date(clock.getTime() + HOUR - 1);
    await s.worker.runSweep();
    expect(s.github.calls).toEqual([]);
    expect(checks()).toEqual(["ok"]);
    expect(sweeps()).toEqual(["succeeded", "succeeded"]);
  });

  it("finds a PAT revoked since the last check once the clock moves an hour, without failing the sweep", async () => {
    const s = await start();
    await s.worker.runSweep();
    s.github.revokePat(LOCAL_PAT);
    clock = new Date(clock.getTime() + 30 * 60_000);
    await s.worker.runSweep();
    expect(checks()).toEqual(["ok"]);

    clock = new Date(clock.getTime() + 30 * 60_000);
    await expect(s.worker.runSweep()).resolves.toMatchObject({ failed: [] });
    expect(checks()).toEqual(["ok", "failed/bad_credentials"]);
    expect(sweeps()).toEqual(["succeeded", "succeeded", "succeeded"]);
    expect(logged(s, "GitHub credential check failed")).toEqual([
      expect.objectContaining({
        level: "ERROR",
        code: "bad_credentials",
        check: "GitHub token",
        problem: expect.stringContaining("401 Bad credentials"),
        fix: expect.stringContaining("SECRETS_REVISION"),
      }),
    ]);
    // Counted once, as the check's result: the check's 401 is not also a githubErrors 401 (the github-credential alarm's).
    expect(metricLines.lines.filter((line) => line.githubErrors !== undefined)).toEqual([]);
    expect(JSON.stringify(s.logs)).not.toContain(LOCAL_PAT);
  });

  it("finds a PAT expiring within 7 days before GitHub refuses it", async () => {
    const s = await start();
    s.github.setPatExpiry(LOCAL_PAT, new Date(clock.getTime() + 8 * 24 * HOUR));
    await s.worker.runSweep();
    clock = new Date(clock.getTime() + 24 * HOUR + HOUR);
    await s.worker.runSweep();
    expect(checks()).toEqual(["ok", "failed/expires_soon"]);
    expect(logged(s, "GitHub credential check failed")[0]?.problem).toMatch(
      /expires at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/,
    );
  });

  it("emits failed with missing_scopes for a PAT without write:packages", async () => {
    const s = await start();
    s.github.setPatScopes(LOCAL_PAT, ["read:packages", "repo"]);
    await s.worker.runSweep();
    expect(checks()).toEqual(["failed/missing_scopes"]);
    expect(logged(s, "GitHub credential check failed")[0]?.problem).toMatch(/lacks write:packages/);
  });

  it("emits failed with app_not_installed for an App missing from one of RESTORE_ORGS", async () => {
    const s = await start({ GITHUB_AUTH: "app", RESTORE_ORGS: "acme,globex" });
    s.github.addOrg("globex");
    await s.worker.runSweep();
    expect(checks()).toEqual(["failed/app_not_installed"]);
    // Reads only (the POST mints the installation token package reads need), and none for globex past the 404.
    expect(githubCalls(s)).toEqual([
      "GET /app",
      "GET /orgs/acme/installation",
      "POST /app/installations/4242/access_tokens",
      "GET /orgs/acme/packages",
      "GET /orgs/globex/installation",
    ]);
  });

  it("reports a GitHub that cannot answer as github_unavailable, not as a credential failure", async () => {
    const s = await start();
    s.github.failNext("users/get-authenticated", { status: 503, message: "Service Unavailable" }, 2);
    await s.worker.runSweep();
    expect(checks()).toEqual(["github_unavailable"]);
    expect(logged(s, "GitHub credential check could not be made")).toEqual([
      expect.objectContaining({ level: "WARN", check: "GitHub token", problem: expect.stringContaining("503") }),
    ]);
  });

  // docs/cost.md's figure: three hours of sweeps every 5 minutes in one container, counted at the GitHub simulator.
  it("calls GitHub twice an hour with a PAT and one org, over 36 sweeps in three hours", async () => {
    const s = await start();
    for (let sweep = 0; sweep < 36; sweep++) {
      await s.worker.runSweep();
      clock = new Date(clock.getTime() + 5 * 60_000);
    }
    expect(checks()).toEqual(["ok", "ok", "ok"]);
    expect(s.github.calls).toHaveLength(6);
  });

  it("still checks when the sweep itself fails", async () => {
    const s = await start();
    s.store.listRecent = async () => {
      throw new Error("DynamoDB is down");
    };
    await expect(s.worker.runSweep()).rejects.toThrow(/DynamoDB is down/);
    expect(checks()).toEqual(["ok"]);
    expect(sweeps()).toEqual(["failed"]);
  });
});
