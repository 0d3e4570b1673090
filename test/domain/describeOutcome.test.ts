import { describe, expect, it } from "vitest";
import { describeOutcome } from "../../src/domain/describeOutcome.js";
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
    for (const kind of ["restored", "not_found", "name_in_use", "needs_package_token", "rejected"] as const) {
      expect(describeOutcome({ kind }, request, "token").headline).toContain("container package team/app in acme");
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

  it("returns raw text: user input is not escaped here", () => {
    const raw = { ...request, packageType: "npm" as const, packageName: "<!channel>", org: "a&b" };
    expect(describeOutcome({ kind: "restored" }, raw, "app").headline).toBe("Restored the npm package <!channel> in a&b.");
  });
});
