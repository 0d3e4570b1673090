// The GitHub adapter on its own, against the GitHub simulator: what reaches the wire.
import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGitHubRestorer } from "../../src/github/createGitHubRestorer.js";
import type { ResolvedRequest } from "../../src/domain/command/restoreRequest.js";
import { startGitHubSimulator, type GitHubSimulator } from "../../local/simulators/github/startGitHubSimulator.js";

let github: GitHubSimulator;
let privateKey: string;
const tuning = { retryBaseMs: 1, writeSpacingMs: 0 };

beforeAll(async () => {
  const keys = generateKeyPairSync("rsa", { modulusLength: 2048 });
  privateKey = keys.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  github = await startGitHubSimulator({
    appId: 99,
    appPublicKey: keys.publicKey,
    pats: { ghp_adapter: ["read:packages", "write:packages"] },
  });
  github.addOrg("acme", { installationId: 5 });
});
afterAll(async () => github.close());

function request(packageName: string, extra: Partial<ResolvedRequest> = {}): ResolvedRequest {
  return {
    org: "acme",
    packageType: "container",
    packageName,
    target: { kind: "package" },
    reason: "",
    notes: [],
    ...extra,
  };
}

describe("createGitHubRestorer", () => {
  const app = () =>
    createGitHubRestorer(
      { authMode: "app", appId: "99", privateKey, apiUrl: github.url, webUrl: "https://github.com" },
      tuning,
    );

  it("keeps a hostile name inside the restore route, as one encoded segment", async () => {
    github.reset();
    const outcome = await app().restore(request("../../user"));
    expect(outcome.kind).toBe("not_found");
    const restore = github.calls.filter((call) => call.rawPath.includes("/packages/"));
    expect(restore.map((call) => [call.operationId, call.rawPath])).toEqual([
      ["packages/restore-package-for-org", "/orgs/acme/packages/container/..%2F..%2Fuser/restore"],
    ]);
  });

  it("caches the installation and its token across restores", async () => {
    github.reset();
    const restorer = app();
    await restorer.restore(request("a"));
    await restorer.restore(request("b"));
    await restorer.restore(request("c"));
    const operations = github.calls.map((call) => call.operationId);
    expect(operations.filter((id) => id === "apps/get-org-installation")).toHaveLength(1);
    expect(operations.filter((id) => id === "apps/create-installation-access-token")).toHaveLength(1);
  });

  it("gets a new installation token, once, when GitHub stops accepting the cached one", async () => {
    github.reset();
    github.addPackage("acme", { type: "npm", name: "token-a", deletedAt: new Date(Date.now() - 3_600_000) });
    github.addPackage("acme", { type: "npm", name: "token-b", deletedAt: new Date(Date.now() - 3_600_000) });
    const restorer = app();
    expect((await restorer.restore({ ...request("token-a"), packageType: "npm" })).kind).toBe("restored");
    github.expireInstallationTokens();
    const started = github.calls.length;
    expect((await restorer.restore({ ...request("token-b"), packageType: "npm" })).kind).toBe("restored");
    const after = github.calls.slice(started).map((call) => [call.operationId, call.status]);
    expect(after.filter(([id]) => id === "apps/create-installation-access-token")).toEqual([
      ["apps/create-installation-access-token", 201],
    ]);
    expect(after.filter(([id]) => id === "packages/restore-package-for-org").at(-1)).toEqual([
      "packages/restore-package-for-org",
      204,
    ]);
  });

  it("retries a lookup that failed instead of caching the failure", async () => {
    github.reset();
    github.addOrg("latecomer");
    const restorer = app();
    expect((await restorer.restore({ ...request("x"), org: "latecomer" })).kind).toBe("app_not_installed");
    github.addOrg("latecomer2", { installationId: 6 });
    expect((await restorer.restore({ ...request("x"), org: "latecomer2" })).kind).toBe("not_found");
  });

  it("reports each try of each GitHub request to the call metrics, with GitHub's status", async () => {
    github.reset();
    const calls: Array<number | "network"> = [];
    const restorer = createGitHubRestorer(
      { authMode: "token", token: "ghp_adapter", apiUrl: github.url, webUrl: "https://github.com" },
      tuning,
      { githubCall: (_ms, status) => calls.push(status) },
    );
    // A read that fails once is retried by plugin-retry: both tries are seen (the package is not there: 404).
    github.failNext("packages/get-package-for-organization", { status: 502 }, 1);
    await restorer.presence(request("team/app"));
    expect(calls).toEqual([502, 404]);
    const refused = createGitHubRestorer(
      { authMode: "token", token: "ghp_expired", apiUrl: github.url, webUrl: "https://github.com" },
      tuning,
      { githubCall: (_ms, status) => calls.push(status) },
    );
    expect((await refused.restore(request("team/app"))).kind).toBe("bad_credentials");
    expect(calls.slice(2)).toEqual([401]);
  });

  it("restores single versions through the version endpoint", async () => {
    github.reset();
    const restorer = createGitHubRestorer(
      { authMode: "token", token: "ghp_adapter", apiUrl: github.url, webUrl: "https://github.com" },
      tuning,
    );
    await restorer.restore(request("team/app", { target: { kind: "version", versionId: 42 } }));
    expect(github.calls.map((call) => [call.operationId, call.rawPath])).toEqual([
      ["packages/restore-package-version-for-org", "/orgs/acme/packages/container/team%2Fapp/versions/42/restore"],
    ]);
  });

  it("links to the package page on the web host, GHES included", () => {
    const ghes = createGitHubRestorer({
      authMode: "token",
      token: "t",
      apiUrl: "https://ghe.example.com/api/v3",
      webUrl: "https://ghe.example.com",
    });
    expect(ghes.packageUrl(request("team/app"))).toBe(
      "https://ghe.example.com/orgs/acme/packages/container/package/team%2Fapp",
    );
  });

  it("times out each attempt and ends in 'GitHub unavailable' after bounded tries", async () => {
    github.reset();
    github.failNext("packages/restore-package-for-org", { status: 503, delayMs: 1000 }, 3);
    const restorer = createGitHubRestorer(
      { authMode: "token", token: "ghp_adapter", apiUrl: github.url, webUrl: "https://github.com" },
      { ...tuning, attemptTimeoutMs: 100, retries: 2 },
    );
    const started = Date.now();
    const outcome = await restorer.restore(request("slow"));
    expect(outcome.kind).toBe("github_unavailable");
    expect(outcome.status).toBeUndefined();
    // Three attempts of 100 ms each, not three of GitHub's 1000 ms.
    expect(Date.now() - started).toBeLessThan(900);
  });
});
