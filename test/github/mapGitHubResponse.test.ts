import { describe, expect, it } from "vitest";
import { mapGitHubResponse, type GitHubAnswer } from "../../src/github/mapGitHubResponse.js";
import type { GitHubAuthMode, OutcomeKind } from "../../src/domain/request/restoreOutcome.js";

const SCOPES = "You need at least write:packages and read:packages scopes to restore packages.";

// [case, answer, kind in App mode, kind in token mode]
const cases: [string, GitHubAnswer, OutcomeKind, OutcomeKind][] = [
  ["204", { status: 204 }, "restored", "restored"],
  ["200", { status: 200 }, "restored", "restored"],
  ["401", { status: 401, message: "Bad credentials" }, "bad_credentials", "bad_credentials"],
  ["403 scopes", { status: 403, message: SCOPES }, "missing_scopes", "missing_scopes"],
  ["403 other", { status: 403, message: "Resource not accessible by integration" }, "app_token_refused", "forbidden"],
  ["403 no message", { status: 403 }, "app_token_refused", "forbidden"],
  ["403 remaining 0", { status: 403, message: "Forbidden", rateLimitRemaining: 0 }, "rate_limited", "rate_limited"],
  [
    "403 rate limit message",
    { status: 403, message: "API rate limit exceeded for installation ID 1." },
    "rate_limited",
    "rate_limited",
  ],
  [
    "403 secondary limit",
    { status: 403, message: "You have exceeded a secondary rate limit." },
    "rate_limited",
    "rate_limited",
  ],
  ["403 remaining 5", { status: 403, message: "Forbidden", rateLimitRemaining: 5 }, "app_token_refused", "forbidden"],
  ["404", { status: 404, message: "Package not found." }, "not_found", "not_found"],
  [
    "409 name in use",
    { status: 409, message: "A package with this name already exists." },
    "name_in_use",
    "name_in_use",
  ],
  ["409 no message", { status: 409 }, "name_in_use", "name_in_use"],
  [
    "409 token",
    { status: 409, message: "Multiple packages match; specify a package token." },
    "needs_package_token",
    "needs_package_token",
  ],
  ["400", { status: 400, message: "Problems parsing JSON" }, "rejected", "rejected"],
  ["422", { status: 422, message: "Validation Failed" }, "rejected", "rejected"],
  ["429", { status: 429, retryAfterSeconds: 60 }, "rate_limited", "rate_limited"],
  ["500", { status: 500 }, "github_unavailable", "github_unavailable"],
  ["502", { status: 502, message: "Server Error" }, "github_unavailable", "github_unavailable"],
  ["503", { status: 503 }, "github_unavailable", "github_unavailable"],
  // Creating the App's installation token, before anything was sent to the package endpoint.
  [
    "token 403",
    { status: 403, tokenCreation: true, message: "This installation has been suspended" },
    "token_refused",
    "token_refused",
  ],
  [
    "token 422",
    { status: 422, tokenCreation: true, message: "The permissions requested are not granted to this installation." },
    "token_refused",
    "token_refused",
  ],
  [
    "token 401",
    { status: 401, tokenCreation: true, message: "A JSON web token could not be decoded" },
    "bad_credentials",
    "bad_credentials",
  ],
  ["token 404", { status: 404, tokenCreation: true, message: "Not Found" }, "app_not_installed", "app_not_installed"],
  ["token 403 rate limit", { status: 403, tokenCreation: true, rateLimitRemaining: 0 }, "rate_limited", "rate_limited"],
  ["token 502", { status: 502, tokenCreation: true }, "github_unavailable", "github_unavailable"],
];

describe("mapGitHubResponse", () => {
  const byMode = cases.flatMap(([name, answer, app, token]) => [
    [name, "app" as GitHubAuthMode, answer, app] as const,
    [name, "token" as GitHubAuthMode, answer, token] as const,
  ]);

  it.each(byMode)("%s in %s mode → %s", (_name, mode, answer, kind) => {
    const outcome = mapGitHubResponse(answer, mode);
    expect(outcome.kind).toBe(kind);
    expect(outcome.status).toBe(answer.status);
  });

  it("carries GitHub's message, request ID and Retry-After", () => {
    const outcome = mapGitHubResponse(
      { status: 429, message: "Slow down", requestId: "ABCD:1234", retryAfterSeconds: 42, rateLimitRemaining: 0 },
      "app",
    );
    expect(outcome).toEqual({
      kind: "rate_limited",
      status: 429,
      githubMessage: "Slow down",
      githubRequestId: "ABCD:1234",
      retryAfterSeconds: 42,
    });
  });

  it("carries details on a success too", () => {
    expect(mapGitHubResponse({ status: 204, requestId: "R-1" }, "token")).toEqual({
      kind: "restored",
      status: 204,
      githubRequestId: "R-1",
    });
  });

  it("carries a Retry-After of 0", () => {
    expect(
      mapGitHubResponse({ status: 403, rateLimitRemaining: 0, retryAfterSeconds: 0 }, "app").retryAfterSeconds,
    ).toBe(0);
  });

  it("leaves out details GitHub did not give", () => {
    const outcome = mapGitHubResponse({ status: 404 }, "app");
    expect(outcome).toEqual({ kind: "not_found", status: 404 });
    expect(Object.keys(outcome)).not.toContain("githubMessage");
    expect(Object.keys(outcome)).not.toContain("retryAfterSeconds");
  });

  it("maps every status from 100 to 599 somewhere, in both modes", () => {
    for (let status = 100; status < 600; status++) {
      for (const mode of ["app", "token"] as const) {
        const outcome = mapGitHubResponse({ status }, mode);
        expect(typeof outcome.kind).toBe("string");
        expect(outcome.kind === "restored").toBe(status >= 200 && status < 300);
      }
    }
  });
});
