// The doctor's checks as pure logic: fake probes answer what the platforms would, each check says ✓ or ✗ and why.
import { describe, expect, it } from "vitest";
import { checkAppInstallation } from "../../../src/domain/doctor/checkAppInstallation.js";
import { checkGitHubCredential } from "../../../src/domain/doctor/checkGitHubCredential.js";
import { checkGitHubToken } from "../../../src/domain/doctor/checkGitHubToken.js";
import { checkLastRuns } from "../../../src/domain/doctor/checkLastRuns.js";
import { checkPackageReads } from "../../../src/domain/doctor/checkPackageReads.js";
import { checkRegistry } from "../../../src/domain/doctor/checkRegistry.js";
import { checkSlackChannel } from "../../../src/domain/doctor/checkSlackChannel.js";
import { checkTable } from "../../../src/domain/doctor/checkTable.js";
import { checkUserGroup } from "../../../src/domain/doctor/checkUserGroup.js";
import type { DoctorSetup } from "../../../src/domain/doctor/doctorSetup.js";
import { renderDoctorReport } from "../../../src/domain/doctor/renderDoctorReport.js";
import { runDoctor } from "../../../src/domain/doctor/runDoctor.js";
import type {
  DoctorProbes,
  GitHubProbe,
  RegistryReading,
  SlackProbe,
  StoreProbe,
  TableShape,
} from "../../../src/domain/ports/doctorProbes.js";

const NOW = new Date("2026-12-07T12:00:00Z");
const unused = () => {
  throw new Error("not asked in this test");
};

function github(overrides: Partial<GitHubProbe> = {}): GitHubProbe {
  return {
    authMode: "token",
    tokenOwner: unused,
    app: unused,
    installations: unused,
    installation: unused,
    containerPackages: unused,
    ...overrides,
  };
}

function slack(overrides: Partial<SlackProbe> = {}): SlackProbe {
  return { authTest: unused, channel: unused, userGroup: unused, ...overrides };
}

const SETUP: DoctorSetup = {
  authMode: "token",
  orgs: ["acme"],
  userGroups: [],
  sweepEveryMs: 300_000,
  now: NOW,
  insideWorker: false,
};

describe("checkGitHubToken", () => {
  const token = (answer: Awaited<ReturnType<GitHubProbe["tokenOwner"]>>) =>
    checkGitHubToken(github({ tokenOwner: async () => answer }), NOW);
  const ALL = ["read:packages", "write:packages", "repo"];

  it("passes a classic PAT with every scope, naming its expiry", async () => {
    expect(await token({ status: 200, login: "octo", scopes: ALL, tokenExpiresAt: "2027-03-01 10:00:00 UTC" })).toEqual(
      {
        ok: true,
        check: "GitHub token",
        detail: "a classic PAT of octo with read:packages, write:packages, repo, expires 2027-03-01 10:00:00 UTC.",
      },
    );
  });

  it.each([
    [
      { status: 401, message: "Bad credentials" },
      /refuses the token \(401 Bad credentials\): it is expired, revoked or mistyped/,
      "bad_credentials",
    ],
    [{ status: 200, login: "octo" }, /not a classic PAT/, "not_classic_pat"],
    [
      { status: 200, login: "octo", scopes: ["read:packages"] },
      /lacks write:packages, repo \(it has read:packages\)/,
      "missing_scopes",
    ],
    [
      { status: 200, scopes: ALL, tokenExpiresAt: "2026-12-10 09:00:00 UTC" },
      /expires at 2026-12-10 09:00:00 UTC/,
      "expires_soon",
    ],
    [{ status: 0, message: "GitHub could not be reached (TypeError)" }, /no answer/, "github_unavailable"],
    [{ status: 502, message: "Bad Gateway" }, /could not answer GET \/user \(502 Bad Gateway\)/, "github_unavailable"],
  ])("fails %j", async (answer, problem, code) => {
    const result = await token(answer);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.problem).toMatch(problem);
    expect(result.ok ? "" : result.code).toBe(code);
  });
});

describe("checkGitHubCredential", () => {
  const ALL = ["read:packages", "write:packages", "repo"];
  const verdict = (orgs: string[] | null, overrides: Partial<GitHubProbe>) =>
    checkGitHubCredential({ orgs, now: NOW }, github(overrides));

  it("passes a working PAT whose org answers package reads", async () => {
    const result = await verdict(["acme"], {
      tokenOwner: async () => ({ status: 200, scopes: ALL }),
      containerPackages: async () => ({ status: 200, names: [] }),
    });
    expect(result.result).toBe("ok");
  });

  it("names the first failing check's code, ahead of a check GitHub could not answer", async () => {
    const result = await verdict(["acme", "globex"], {
      tokenOwner: async () => ({ status: 200, scopes: ALL }),
      containerPackages: async (org) =>
        org === "acme" ? { status: 503 } : { status: 403, sso: "required; url=https://github.com/orgs/globex/sso" },
    });
    expect(result).toMatchObject({
      result: "failed",
      code: "sso_required",
      failing: { check: "Package reads in globex" },
    });
  });

  it("calls a GitHub that cannot answer github_unavailable, not a credential failure", async () => {
    const result = await verdict(["acme"], {
      tokenOwner: async () => ({ status: 0, message: "no answer" }),
      containerPackages: async () => ({ status: 200 }),
    });
    expect(result).toMatchObject({ result: "github_unavailable", failing: { check: "GitHub token" } });
  });

  it("does not fail a PAT for an unset RESTORE_ORGS", async () => {
    expect((await verdict(null, { tokenOwner: async () => ({ status: 200, scopes: ALL }) })).result).toBe("ok");
  });
});

describe("checkAppInstallation", () => {
  const on = (answer: Awaited<ReturnType<GitHubProbe["installation"]>>) =>
    checkAppInstallation(github({ authMode: "app", installation: async () => answer }), "acme");

  it("passes an installation granted packages: write", async () => {
    expect((await on({ status: 200, permissions: { packages: "write" }, suspended: false })).ok).toBe(true);
  });

  it("fails an installation granted packages: read, saying how to grant write", async () => {
    expect(
      await on({ status: 200, permissions: { packages: "read", metadata: "read" }, suspended: false }),
    ).toMatchObject({
      ok: false,
      problem: "the installation on acme was granted packages: read, and restores need packages: write.",
      fix: expect.stringContaining('"Read and write"'),
    });
  });

  it("fails a suspended installation", async () => {
    expect(await on({ status: 200, permissions: { packages: "write" }, suspended: true })).toMatchObject({
      ok: false,
      problem: expect.stringContaining("suspended"),
    });
  });
});

describe("checkPackageReads", () => {
  it("names GitHub's SSO page for a PAT the org's SAML SSO refuses", async () => {
    const { result } = await checkPackageReads(
      github({
        containerPackages: async () => ({
          status: 403,
          message: "Resource protected by organization SAML enforcement.",
          sso: "required; url=https://github.com/orgs/acme/sso?authorization_request=XYZ",
        }),
      }),
      "acme",
    );
    expect(result).toMatchObject({
      ok: false,
      fix: expect.stringContaining("(or open https://github.com/orgs/acme/sso?authorization_request=XYZ)"),
    });
  });

  it("hands the container packages it saw to the registry check", async () => {
    const reads = await checkPackageReads(
      github({ containerPackages: async () => ({ status: 200, names: ["web/api"] }) }),
      "acme",
    );
    expect(reads).toMatchObject({ result: { ok: true }, containerNames: ["web/api"] });
  });
});

describe("checkRegistry", () => {
  const reach = (reading: RegistryReading, name?: string) =>
    checkRegistry({ reach: async () => reading }, "acme", name);

  it("fails a credential the registry refuses, and a real package it may not pull", async () => {
    expect(await reach({ kind: "refused", status: 401, reason: "UNAUTHORIZED" })).toMatchObject({
      ok: false,
      problem: expect.stringContaining("refuses the GitHub credential"),
    });
    expect(await reach({ kind: "refused", status: 403, reason: "DENIED" }, "web/api")).toMatchObject({
      ok: false,
      problem: expect.stringContaining("pull acme/web/api"),
    });
  });

  it("says it could not tell when only a made-up name was refused", async () => {
    expect(await reach({ kind: "refused", status: 403, reason: "DENIED" })).toMatchObject({
      ok: false,
      problem: expect.stringContaining("could not tell"),
    });
  });

  it("fails a registry without an address or an answer, and a setup with no org to try", async () => {
    expect((await reach({ kind: "not_configured", reason: "no URL" })).ok).toBe(false);
    expect((await reach({ kind: "unavailable", reason: "timeout" })).ok).toBe(false);
    expect((await checkRegistry({ reach: unused }, undefined, undefined)).ok).toBe(false);
  });
});

describe("checkSlackChannel", () => {
  const channel = (answer: Awaited<ReturnType<SlackProbe["channel"]>>, scopes: string[] = ["chat:write"]) =>
    checkSlackChannel(slack({ channel: async () => answer }), "approval", "C0APPROVE", scopes);

  it("passes a public channel the bot is not in when it has chat:write.public, and fails it without", async () => {
    const notIn = { ok: true as const, isMember: false, isPrivate: false, name: "approvals" };
    expect((await channel(notIn, ["chat:write", "chat:write.public"])).ok).toBe(true);
    expect(await channel(notIn)).toMatchObject({
      ok: false,
      fix: "Invite it: /invite @package-restore in that channel.",
    });
  });

  it("fails a private channel the bot is not in even with chat:write.public", async () => {
    expect((await channel({ ok: true, isMember: false, isPrivate: true }, ["chat:write.public"])).ok).toBe(false);
  });

  it("says it could not check without channels:read, and names a channel Slack can't find", async () => {
    expect(await channel({ ok: false, error: "missing_scope", needed: "channels:read" })).toMatchObject({
      ok: false,
      problem: "could not check whether the bot is in it: the token lacks channels:read.",
    });
    expect(await channel({ ok: false, error: "channel_not_found" })).toMatchObject({
      ok: false,
      fix: expect.stringContaining("RESTORE_APPROVAL_CHANNEL"),
    });
  });
});

describe("checkUserGroup", () => {
  it.each([
    ["plan_upgrade_required", /paid Slack plan/],
    ["no_such_subteam", /does not exist/],
    ["ratelimited", /Slack answered ratelimited/],
  ])("fails %s", async (error, problem) => {
    const result = await checkUserGroup(slack({ userGroup: async () => ({ ok: false, error }) }), "S0X");
    expect(result.ok ? "" : result.problem).toMatch(problem);
  });
});

describe("checkTable", () => {
  const GOOD: TableShape = {
    status: "ACTIVE",
    keys: [
      { attribute: "pk", keyType: "HASH" },
      { attribute: "sk", keyType: "RANGE" },
    ],
    indexes: [
      {
        name: "byTime",
        keys: [
          { attribute: "gsi1pk", keyType: "HASH" },
          { attribute: "gsi1sk", keyType: "RANGE" },
        ],
      },
    ],
    ttl: { status: "ENABLED", attribute: "ttl" },
  };
  const table = (shape: TableShape) =>
    checkTable({ tableName: "t", describeTable: async () => ({ ok: true, shape }), lastSuccess: unused });

  it("passes the documented shape and names each difference from it", async () => {
    expect((await table(GOOD)).ok).toBe(true);
    const result = await table({
      ...GOOD,
      keys: [{ attribute: "id", keyType: "HASH" }],
      indexes: [],
      ttl: { status: "DISABLED" },
    });
    expect(result.ok ? "" : result.problem).toBe(
      "t: its keys are id (hash), not pk (hash) and sk (range); it has no byTime index; its TTL is DISABLED, not ENABLED on ttl.",
    );
  });
});

describe("checkLastRuns", () => {
  const store = (worker?: string, sweep?: string): StoreProbe => ({
    tableName: "t",
    describeTable: unused,
    lastSuccess: async (component) => {
      const at = component === "worker" ? worker : sweep;
      return at === undefined ? { ok: true } : { ok: true, at };
    },
  });

  it("fails a sweep silent for more than three of its periods, and passes a recent one", async () => {
    const [, stale] = await checkLastRuns(store("2026-12-07T11:00:00Z", "2026-12-07T11:44:00Z"), SETUP);
    expect(stale).toMatchObject({ ok: false, problem: expect.stringContaining("16 min ago") });
    const [worker, fresh] = await checkLastRuns(store("2026-12-01T11:00:00Z", "2026-12-07T11:58:00Z"), SETUP);
    expect(worker).toMatchObject({ ok: true, detail: "2026-12-01T11:00:00Z (6 days ago)." });
    expect(fresh?.ok).toBe(true);
  });

  it("from outside, fails a worker with no recorded job; inside the worker, its own answer is the proof", async () => {
    const [outside] = await checkLastRuns(store(undefined, undefined), SETUP);
    expect(outside?.ok).toBe(false);
    const [inside] = await checkLastRuns(store(undefined, undefined), { ...SETUP, insideWorker: true });
    expect(inside).toMatchObject({ ok: true, detail: expect.stringContaining("running now") });
  });
});

describe("runDoctor", () => {
  it("turns a probe that throws into a ✗ saying the checks could not be made, never a ✓", async () => {
    const probes: DoctorProbes = {
      github: github({
        tokenOwner: async () => {
          throw new TypeError("boom");
        },
      }),
      registry: { reach: unused },
      slack: slack({ authTest: async () => ({ ok: true, scopes: ["chat:write"] }) }),
      store: {
        tableName: "t",
        describeTable: async () => ({ ok: false, error: "ResourceNotFoundException" }),
        lastSuccess: async () => ({ ok: true }),
      },
    };
    const results = await runDoctor(SETUP, probes);
    expect(results[0]).toMatchObject({
      ok: false,
      check: "GitHub",
      problem: expect.stringContaining("TypeError: boom"),
    });
    expect(results.map((result) => result.check)).toEqual([
      "GitHub",
      "Slack bot token",
      "DynamoDB table",
      "Worker's last success",
      "Sweep's last success",
    ]);
    const report = renderDoctorReport(results);
    expect(report.split("\n")[0]).toBe("4 of 5 checks found a problem.");
    expect(report).toContain("✓ Slack bot token: has chat:write.");
  });
});
