// The restorer the worker starts with: Octokit loads on the first GitHub call, and until then it answers what
// needs no call exactly as the restorer it stands for.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GitHubConfig } from "../../src/config/loadGitHubConfig.js";
import type { ResolvedRequest } from "../../src/domain/command/restoreRequest.js";
import { createGitHubRestorer } from "../../src/github/createGitHubRestorer.js";
import { createLazyGitHubRestorer } from "../../src/github/createLazyGitHubRestorer.js";
import { startGitHubSimulator, type GitHubSimulator } from "../../local/simulators/github/startGitHubSimulator.js";

let github: GitHubSimulator;
let config: GitHubConfig;
const tuning = { retryBaseMs: 1, writeSpacingMs: 0, retries: 0, restoreBudgetMs: 5000 };
const request: ResolvedRequest = {
  org: "acme",
  packageType: "npm",
  packageName: "lazy-pad",
  target: { kind: "package" },
  reason: "test",
  notes: [],
};

beforeAll(async () => {
  github = await startGitHubSimulator({ pats: { ghp_lazy: ["read:packages", "write:packages"] } });
  github.addOrg("acme");
  github.addPackage("acme", { type: "npm", name: "lazy-pad", deletedAt: new Date(Date.now() - 86_400_000) });
  config = { apiUrl: github.url, webUrl: "https://github.example", authMode: "token", token: "ghp_lazy" };
});
afterAll(() => github.close());

describe("createLazyGitHubRestorer", () => {
  it("answers what needs no call without calling GitHub, as the restorer it stands for", () => {
    const lazy = createLazyGitHubRestorer(config, tuning);
    const real = createGitHubRestorer(config, tuning);
    expect(lazy.packageUrl(request)).toBe(real.packageUrl(request));
    expect(lazy.packageUrl(request)).toBe("https://github.example/orgs/acme/packages/npm/package/lazy-pad");
    expect([lazy.authMode, lazy.maxRestoreMs]).toEqual([real.authMode, real.maxRestoreMs]);
    expect(createLazyGitHubRestorer(config).maxRestoreMs).toBe(createGitHubRestorer(config).maxRestoreMs);
    expect(github.calls).toEqual([]);
  });

  it("passes GitHub calls to the restorer it loads", async () => {
    const lazy = createLazyGitHubRestorer(config, tuning);
    expect(await lazy.precheck(request)).toMatchObject({ kind: "restorable" });
    expect(await lazy.presence(request)).toBe("not_active");
    expect(await lazy.restore(request)).toMatchObject({ kind: "restored" });
    expect(github.calls.map((call) => call.operationId)).toEqual([
      "packages/get-package-for-organization",
      "packages/get-package-for-organization",
      "packages/restore-package-for-org",
    ]);
  });
});
