import { describe, expect, it } from "vitest";
import { describeFinalState, describeOutcome } from "../../src/domain/describeOutcome.js";
import type { RequestRecord, RequestState } from "../../src/domain/requestRecord.js";
import type { GitHubAuthMode, OutcomeKind, RestoreOutcome } from "../../src/domain/restoreOutcome.js";
import type { RestoreRequest } from "../../src/domain/restoreRequest.js";

const request: RestoreRequest = {
  org: "acme",
  packageType: "container",
  packageName: "team/app",
  target: { kind: "package" },
  reason: "",
  notes: [],
};

// Written out by hand so a new OutcomeKind fails to compile here until it is described.
const KINDS = {
  restored: true,
  not_found: false,
  app_token_refused: false,
  missing_scopes: false,
  forbidden: false,
  bad_credentials: false,
  name_in_use: false,
  needs_package_token: false,
  rejected: false,
  app_not_installed: false,
  rate_limited: false,
  github_unavailable: false,
  interrupted: false,
} satisfies Record<OutcomeKind, boolean>;

const kindCases = (Object.entries(KINDS) as [OutcomeKind, boolean][]).flatMap(([kind, ok]) =>
  (["app", "token"] as GitHubAuthMode[]).map((mode) => [kind, mode, ok] as const),
);

describe("describeOutcome", () => {
  it.each(kindCases)("%s (%s mode) has a headline and the right ok", (kind, mode, ok) => {
    const description = describeOutcome({ kind }, request, mode);
    expect(description.ok).toBe(ok);
    expect(description.headline.trim().length).toBeGreaterThan(0);
    expect(description.headline).toMatch(/\.$/);
    if (!ok) expect(description.nextStep.trim().length).toBeGreaterThan(0);
  });

  it("gives each kind its own headline", () => {
    const headlines = (Object.keys(KINDS) as OutcomeKind[]).map((kind) => describeOutcome({ kind }, request, "app").headline);
    expect(new Set(headlines).size).toBe(headlines.length);
  });

  it("names the package in the headlines that are about it", () => {
    for (const kind of ["restored", "not_found", "name_in_use", "needs_package_token", "rejected", "interrupted"] as const) {
      expect(describeOutcome({ kind }, request, "token").headline).toContain("container package `team/app` in acme");
    }
  });

  it("restored needs no next step", () => {
    expect(describeOutcome({ kind: "restored", status: 204 }, request, "app").nextStep).toBe("");
  });

  it("not_found in App mode points the operator at a classic PAT in GITHUB_TOKEN", () => {
    const { nextStep } = describeOutcome({ kind: "not_found", status: 404 }, request, "app");
    expect(nextStep).toContain("GITHUB_TOKEN");
    expect(nextStep).toMatch(/classic (PAT|personal access token)/);
    expect(nextStep).toContain("GITHUB_AUTH=token");
    expect(nextStep).toContain("30 days");
  });

  it("not_found in token mode does not suggest a PAT", () => {
    const { nextStep } = describeOutcome({ kind: "not_found", status: 404 }, request, "token");
    expect(nextStep).not.toContain("GITHUB_TOKEN");
    expect(nextStep).not.toMatch(/classic|PAT|GitHub App/);
    expect(nextStep).toContain("30 days");
  });

  it("app_token_refused tells how to configure GITHUB_TOKEN and GITHUB_AUTH=token", () => {
    const { nextStep } = describeOutcome({ kind: "app_token_refused", status: 403 }, request, "app");
    expect(nextStep).toContain("`GITHUB_TOKEN`");
    expect(nextStep).toContain("`GITHUB_AUTH=token`");
    expect(nextStep).toContain("write:packages");
    expect(nextStep).toContain("read:packages");
    expect(nextStep).toMatch(/classic PAT/);
  });

  it("app_not_installed and forbidden name the org", () => {
    expect(describeOutcome({ kind: "app_not_installed" }, request, "app").headline).toContain("acme");
    expect(describeOutcome({ kind: "forbidden", status: 403 }, request, "token").nextStep).toContain("owner of acme");
  });

  it("needs_package_token shows the token= syntax", () => {
    expect(describeOutcome({ kind: "needs_package_token", status: 409 }, request, "app").nextStep).toContain("token=");
  });

  it.each<[number | undefined, string]>([
    [30, "in 30 s"],
    [119, "in 119 s"],
    [120, "in 2 min"],
    [121, "in 3 min"],
    [3600, "in 60 min"],
    [undefined, "in a few minutes"],
  ])("rate_limited with retryAfterSeconds %s says %j", (retryAfterSeconds, expected) => {
    const outcome: RestoreOutcome = { kind: "rate_limited", status: 429 };
    if (retryAfterSeconds !== undefined) outcome.retryAfterSeconds = retryAfterSeconds;
    expect(describeOutcome(outcome, request, "app").nextStep).toBe(`Try again ${expected}.`);
  });

  it("interrupted says GitHub doesn't show the package active and asks to check before asking again", () => {
    const { headline, nextStep } = describeOutcome({ kind: "interrupted" }, request, "token");
    expect(headline).toContain("interrupted");
    expect(headline).toContain("not show the package as active");
    expect(nextStep).toContain("if the package is still deleted, ask again");
  });

  it("returns raw text: user input is not escaped here", () => {
    const raw = { ...request, packageType: "npm" as const, packageName: "<!channel>", org: "a&b" };
    expect(describeOutcome({ kind: "restored" }, raw, "app").headline).toBe("Restored the npm package `<!channel>` in a&b.");
  });
});

describe("describeFinalState", () => {
  function record(state: RequestState, overrides: Partial<RequestRecord> = {}): RequestRecord {
    return {
      id: "cmd-1",
      mode: "approval",
      requester: { teamId: "T1", userId: "U0ALICE" },
      channelId: "C1",
      request,
      state,
      createdAt: "2026-11-01T12:00:00.000Z",
      updatedAt: "2026-11-01T12:00:00.000Z",
      ...overrides,
    };
  }

  it.each<[RequestState, string, string]>([
    ["denied", "The restore of the container package `team/app` in acme was denied.", "Talk to the approver if you think it should go ahead."],
    ["cancelled", "The request to restore the container package `team/app` in acme was cancelled.", ""],
    ["expired", "Nobody approved the restore of the container package `team/app` in acme in time, so the request expired.", "Ask again if it is still needed."],
  ])("%s is described by the decision, never ok", (state, headline, nextStep) => {
    // An outcome left on the record must not change how a decision reads.
    expect(describeFinalState(record(state, { outcome: { kind: "restored" } }), "app")).toEqual({ ok: false, headline, nextStep });
  });

  it("restored uses the outcome", () => {
    expect(describeFinalState(record("restored", { outcome: { kind: "restored", status: 204 } }), "app")).toEqual(describeOutcome({ kind: "restored", status: 204 }, request, "app"));
    expect(describeFinalState(record("restored", { outcome: { kind: "restored" } }), "app").ok).toBe(true);
  });

  it.each<GitHubAuthMode>(["app", "token"])("failed uses the outcome and the auth mode (%s)", (mode) => {
    const outcome: RestoreOutcome = { kind: "not_found", status: 404 };
    const description = describeFinalState(record("failed", { outcome }), mode);
    expect(description).toEqual(describeOutcome(outcome, request, mode));
    expect(description.nextStep.includes("GITHUB_TOKEN")).toBe(mode === "app");
  });

  it("failed after an interruption says so", () => {
    expect(describeFinalState(record("failed", { outcome: { kind: "interrupted" } }), "token").headline).toMatch(/^The restore of the container package `team\/app` in acme was interrupted/);
  });

  it.each<RequestState>(["failed", "restored"])("%s without an outcome says the restore did not finish", (state) => {
    expect(describeFinalState(record(state), "token")).toEqual({ ok: false, headline: "The restore of the container package `team/app` in acme did not finish.", nextStep: "Ask again." });
  });
});
