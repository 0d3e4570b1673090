import { describe, expect, it } from "vitest";
import { describeFinalState, describeOutcome } from "../../../src/domain/request/describeOutcome.js";
import type { RequestRecord, RequestState } from "../../../src/domain/request/requestRecord.js";
import type { GitHubAuthMode, OutcomeKind, RestoreOutcome } from "../../../src/domain/request/restoreOutcome.js";
import type { RestoreRequest } from "../../../src/domain/command/restoreRequest.js";

const COMMAND = "/restore-package";

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
  token_refused: false,
  rate_limited: false,
  github_unavailable: false,
  unconfirmed: false,
  interrupted: false,
} satisfies Record<OutcomeKind, boolean>;

const kindCases = (Object.entries(KINDS) as [OutcomeKind, boolean][]).flatMap(([kind, ok]) =>
  (["app", "token"] as GitHubAuthMode[]).map((mode) => [kind, mode, ok] as const),
);

describe("describeOutcome", () => {
  it.each(kindCases)("%s (%s mode) has a headline and the right ok", (kind, mode, ok) => {
    const description = describeOutcome({ kind }, request, mode, COMMAND);
    expect(description.ok).toBe(ok);
    expect(description.headline.trim().length).toBeGreaterThan(0);
    expect(description.headline).toMatch(/\.$/);
    if (!ok) expect(description.nextStep.trim().length).toBeGreaterThan(0);
  });

  it("gives each kind its own headline", () => {
    const headlines = (Object.keys(KINDS) as OutcomeKind[]).map(
      (kind) => describeOutcome({ kind }, request, "app", COMMAND).headline,
    );
    expect(new Set(headlines).size).toBe(headlines.length);
  });

  it("names the package in the headlines that are about it", () => {
    for (const kind of [
      "restored",
      "not_found",
      "name_in_use",
      "needs_package_token",
      "rejected",
      "unconfirmed",
      "interrupted",
    ] as const) {
      expect(describeOutcome({ kind }, request, "token", COMMAND).headline).toContain(
        "container package `team/app` in acme",
      );
    }
  });

  it("restored needs no next step", () => {
    expect(describeOutcome({ kind: "restored", status: 204 }, request, "app", COMMAND).nextStep).toBe("");
  });

  it("not_found in App mode points the operator at a classic PAT in GITHUB_TOKEN", () => {
    const { nextStep } = describeOutcome({ kind: "not_found", status: 404 }, request, "app", COMMAND);
    expect(nextStep).toContain("GITHUB_TOKEN");
    expect(nextStep).toMatch(/classic (PAT|personal access token)/);
    expect(nextStep).toContain("GITHUB_AUTH=token");
    expect(nextStep).toContain("30 days");
  });

  it("not_found for a version points at the listing under the configured command", () => {
    const version = { ...request, target: { kind: "version" as const, versionId: 7 } };
    expect(describeOutcome({ kind: "not_found", status: 404 }, version, "token", "/pkg-staging").nextStep).toMatch(
      /^Check the version with `\/pkg-staging versions acme container team\/app`\./,
    );
  });

  it("not_found in token mode does not suggest a PAT", () => {
    const { nextStep } = describeOutcome({ kind: "not_found", status: 404 }, request, "token", COMMAND);
    expect(nextStep).not.toContain("GITHUB_TOKEN");
    expect(nextStep).not.toMatch(/classic|PAT|GitHub App/);
    expect(nextStep).toContain("30 days");
  });

  it("app_token_refused tells how to configure GITHUB_TOKEN and GITHUB_AUTH=token", () => {
    const { nextStep } = describeOutcome({ kind: "app_token_refused", status: 403 }, request, "app", COMMAND);
    expect(nextStep).toContain("`GITHUB_TOKEN`");
    expect(nextStep).toContain("`GITHUB_AUTH=token`");
    expect(nextStep).toContain("write:packages");
    expect(nextStep).toContain("read:packages");
    expect(nextStep).toMatch(/classic PAT/);
  });

  it("app_not_installed and forbidden name the org", () => {
    expect(describeOutcome({ kind: "app_not_installed" }, request, "app", COMMAND).headline).toContain("acme");
    expect(describeOutcome({ kind: "forbidden", status: 403 }, request, "token", COMMAND).nextStep).toContain(
      "owner of acme",
    );
  });

  it("needs_package_token shows the token= syntax", () => {
    expect(describeOutcome({ kind: "needs_package_token", status: 409 }, request, "app", COMMAND).nextStep).toContain(
      "token=",
    );
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
    expect(describeOutcome(outcome, request, "app", COMMAND).nextStep).toBe(`Try again ${expected}.`);
  });

  it("interrupted says GitHub doesn't show it active only when GitHub said so, and links the package to check", () => {
    const { headline, nextStep, checkOnGitHub } = describeOutcome(
      { kind: "interrupted", presence: "not_active" },
      request,
      "token",
      COMMAND,
    );
    expect(headline).toContain("interrupted");
    expect(headline).toContain("GitHub does not show it as active");
    expect(nextStep).toBe("Check the package on GitHub: if it is still deleted, ask again.");
    expect(checkOnGitHub).toBe(true);
  });

  it.each<[string, RestoreOutcome]>([
    ["unknown", { kind: "interrupted", presence: "unknown" }],
    ["not recorded (older records)", { kind: "interrupted" }],
  ])(
    "interrupted with presence %s says the bot could not check, never that GitHub does not show it",
    (_name, outcome) => {
      const { headline, checkOnGitHub } = describeOutcome(outcome, request, "app", COMMAND);
      expect(headline).toBe(
        "The restore of the container package `team/app` in acme was interrupted before GitHub's answer was recorded, and the bot could not check with GitHub whether it went through.",
      );
      expect(headline).not.toContain("does not show");
      expect(checkOnGitHub).toBe(true);
    },
  );

  it("restored after an unclear answer says what GitHub answered and that the package is active now", () => {
    expect(
      describeOutcome(
        { kind: "restored", status: 502, githubMessage: "Bad Gateway", confirmedByLookUp: true },
        request,
        "token",
        COMMAND,
      ),
    ).toEqual({
      ok: true,
      headline:
        "Restored the container package `team/app` in acme: GitHub answered the restore with an error (HTTP 502), but it is active on GitHub now.",
      nextStep: "",
    });
    expect(
      describeOutcome({ kind: "restored", confirmedByLookUp: true }, request, "token", COMMAND).headline,
    ).toContain("GitHub did not answer the restore in time, but it is active on GitHub now.");
  });

  it.each<GitHubAuthMode>(["app", "token"])(
    "unconfirmed (%s mode) says the bot can't tell, that it sent nothing more, and links the package",
    (mode) => {
      const { ok, headline, nextStep, checkOnGitHub } = describeOutcome(
        { kind: "unconfirmed", status: 502 },
        request,
        mode,
        COMMAND,
      );
      expect(ok).toBe(false);
      expect(headline).toBe(
        "The bot can't tell whether the container package `team/app` in acme was restored: GitHub answered the restore with an error (HTTP 502), and the bot could not check with GitHub whether it went through.",
      );
      expect(nextStep).toContain("if it is still deleted, ask again");
      expect(nextStep).toContain("never sends a restore again without first seeing that the last one had no effect");
      expect(nextStep.includes("GITHUB_AUTH=token")).toBe(mode === "app");
      expect(checkOnGitHub).toBe(true);
    },
  );

  it("token_refused says no restore was sent and points at the installation, its permissions and the org's policy", () => {
    const { headline, nextStep } = describeOutcome(
      { kind: "token_refused", status: 422, githubMessage: "Not permitted" },
      request,
      "app",
      COMMAND,
    );
    expect(headline).toBe("GitHub would not give the bot's GitHub App a token for acme, so no restore was sent.");
    expect(headline).not.toMatch(/refused to restore|retired/);
    for (const cause of ["installation", "Packages permission", "policy"]) expect(nextStep).toContain(cause);
  });

  it("only outcomes nobody can be sure of link the package to check", () => {
    const linked = (Object.keys(KINDS) as OutcomeKind[]).filter(
      (kind) => describeOutcome({ kind }, request, "app", COMMAND).checkOnGitHub,
    );
    expect(linked).toEqual(["unconfirmed", "interrupted"]);
  });

  it("returns raw text: user input is not escaped here", () => {
    const raw = { ...request, packageType: "npm" as const, packageName: "<!channel>", org: "a&b" };
    expect(describeOutcome({ kind: "restored" }, raw, "app", COMMAND).headline).toBe(
      "Restored the npm package `<!channel>` in a&b.",
    );
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
    [
      "denied",
      "The restore of the container package `team/app` in acme was denied.",
      "Talk to the approver if you think it should go ahead.",
    ],
    ["cancelled", "The request to restore the container package `team/app` in acme was cancelled.", ""],
    [
      "expired",
      "Nobody approved the restore of the container package `team/app` in acme in time, so the request expired.",
      "Ask again if it is still needed.",
    ],
  ])("%s is described by the decision, never ok", (state, headline, nextStep) => {
    // An outcome left on the record must not change how a decision reads.
    expect(describeFinalState(record(state, { outcome: { kind: "restored" } }), "app", COMMAND, "ghcr.io")).toEqual({
      ok: false,
      headline,
      nextStep,
    });
  });

  it("restored uses the outcome", () => {
    expect(
      describeFinalState(record("restored", { outcome: { kind: "restored", status: 204 } }), "app", COMMAND, "ghcr.io"),
    ).toEqual(describeOutcome({ kind: "restored", status: 204 }, request, "app", COMMAND));
    expect(
      describeFinalState(record("restored", { outcome: { kind: "restored" } }), "app", COMMAND, "ghcr.io").ok,
    ).toBe(true);
  });

  it.each<GitHubAuthMode>(["app", "token"])("failed uses the outcome and the auth mode (%s)", (mode) => {
    const outcome: RestoreOutcome = { kind: "not_found", status: 404 };
    const description = describeFinalState(record("failed", { outcome }), mode, COMMAND, "ghcr.io");
    expect(description).toEqual(describeOutcome(outcome, request, mode, COMMAND));
    expect(description.nextStep.includes("GITHUB_TOKEN")).toBe(mode === "app");
  });

  it("failed after an interruption says so", () => {
    expect(
      describeFinalState(record("failed", { outcome: { kind: "interrupted" } }), "token", COMMAND, "ghcr.io").headline,
    ).toMatch(/^The restore of the container package `team\/app` in acme was interrupted/);
  });

  it.each<RequestState>(["failed", "restored"])("%s without an outcome says the restore did not finish", (state) => {
    expect(describeFinalState(record(state), "token", COMMAND, "ghcr.io")).toEqual({
      ok: false,
      headline: "The restore of the container package `team/app` in acme did not finish.",
      nextStep: "Ask again.",
    });
  });
});
