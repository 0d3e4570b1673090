// The GitHub adapter's restore under faults, against the GitHub simulator: a restore is never
// sent again blind, and what it says is what GitHub shows.
import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createGitHubRestorer } from "../../src/github/createGitHubRestorer.js";
import type { OctokitTuning } from "../../src/github/createOctokitClass.js";
import type { ResolvedRequest } from "../../src/domain/command/restoreRequest.js";
import { startGitHubSimulator, type GitHubSimulator } from "../../local/simulators/github/startGitHubSimulator.js";

const RESTORE = "packages/restore-package-for-org";
const RESTORE_VERSION = "packages/restore-package-version-for-org";
const GET = "packages/get-package-for-organization";
const GET_VERSION = "packages/get-package-version-for-organization";
const TOKEN = "apps/create-installation-access-token";
let github: GitHubSimulator;
let privateKey: string;
let packages = 0;
let installations = 70;
const tuning: OctokitTuning = { retryBaseMs: 1, writeSpacingMs: 0, attemptTimeoutMs: 300 };

beforeAll(async () => {
  const keys = generateKeyPairSync("rsa", { modulusLength: 2048 });
  privateKey = keys.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  github = await startGitHubSimulator({
    appId: 98,
    appPublicKey: keys.publicKey,
    pats: { ghp_writes: ["read:packages", "write:packages"] },
  });
  github.addOrg("acme", { installationId: 69 });
});
afterAll(async () => github.close());
beforeEach(() => {
  github.reset();
  github.appTokensOnPackages = "allowed";
});

const pat = (extra: OctokitTuning = {}) =>
  createGitHubRestorer(
    { authMode: "token", token: "ghp_writes", apiUrl: github.url, webUrl: "https://github.com" },
    { ...tuning, ...extra },
  );
const app = (extra: OctokitTuning = {}) =>
  createGitHubRestorer(
    { authMode: "app", appId: "98", privateKey, apiUrl: github.url, webUrl: "https://github.com" },
    { ...tuning, ...extra },
  );

/** A deleted npm package, with one deleted version (id 9000 + n) under an active package of the same number. */
function deleted(): { pkg: ResolvedRequest; version: ResolvedRequest; name: string } {
  const n = ++packages;
  const name = `writes-${n}`;
  github.addPackage("acme", { type: "npm", name, deletedAt: new Date(Date.now() - 86_400_000) });
  github.addPackage("acme", {
    type: "npm",
    name: `${name}-live`,
    versions: [{ id: 9000 + n, name: "1.0.0", deletedAt: new Date(Date.now() - 86_400_000) }],
  });
  const base = { org: "acme", packageType: "npm" as const, reason: "", notes: [] };
  return {
    name,
    pkg: { ...base, packageName: name, target: { kind: "package" } },
    version: { ...base, packageName: `${name}-live`, target: { kind: "version", versionId: 9000 + n } },
  };
}

/** The simulator records a call once it has answered it: wait for one answered after the client gave up. */
async function answered(operationId: string, count: number): Promise<void> {
  for (let waited = 0; github.calls.filter((call) => call.operationId === operationId).length < count; waited += 20) {
    if (waited > 5000) throw new Error(`${operationId} was not answered ${count} times`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const trail = () =>
  github.calls
    .filter((call) => call.operationId !== TOKEN && call.operationId !== "apps/get-org-installation")
    .map((call) => `${call.operationId} ${call.status}`);

describe("after a 5xx or no answer, a restore is looked up before anything else is sent", () => {
  it("reports restored when GitHub acted but answered 502, without sending it again", async () => {
    const { pkg } = deleted();
    github.failNext(RESTORE, { status: 502, acts: true });
    const outcome = await pat().restore(pkg);
    expect(outcome).toMatchObject({
      kind: "restored",
      status: 502,
      githubMessage: "Bad Gateway",
      confirmedByLookUp: true,
    });
    expect(trail()).toEqual([`${RESTORE} 502`, `${GET} 200`]);
  });

  it("says unconfirmed, sending nothing more, when the package was already active before (a name in use)", async () => {
    const { version } = deleted();
    github.failNext(RESTORE_VERSION, { status: 502, acts: true });
    const outcome = await pat().restore(version, { activeBefore: true });
    expect(outcome).toMatchObject({ kind: "unconfirmed", status: 502 });
    expect(trail()).toEqual([`${RESTORE_VERSION} 502`, `${GET_VERSION} 200`]);
  });

  it("reports restored when GitHub acted but answered after the attempt's timeout", async () => {
    const { version } = deleted();
    github.failNext(RESTORE_VERSION, { status: 504, acts: true, delayMs: 1000 });
    const outcome = await app().restore(version);
    await answered(RESTORE_VERSION, 1);
    expect(outcome.kind).toBe("restored");
    expect(outcome.status).toBeUndefined();
    expect(outcome.confirmedByLookUp).toBe(true);
    // Recorded in the order answered: the look-up's answer came before the late one.
    expect(trail()).toEqual([`${GET_VERSION} 200`, `${RESTORE_VERSION} 504`]);
  });

  it("sends again, after a look-up each time, while GitHub shows the package still deleted", async () => {
    const { pkg } = deleted();
    github.failNext(RESTORE, { status: 502 }, 2);
    expect(await pat().restore(pkg)).toMatchObject({ kind: "restored", status: 204 });
    expect(trail()).toEqual([`${RESTORE} 502`, `${GET} 404`, `${RESTORE} 502`, `${GET} 404`, `${RESTORE} 204`]);
  });

  it("sends a version again in App mode too, where the version's own record shows it still deleted", async () => {
    const { version } = deleted();
    github.failNext(RESTORE_VERSION, { status: 500 });
    expect((await app().restore(version)).kind).toBe("restored");
    expect(trail()).toEqual([`${RESTORE_VERSION} 500`, `${GET_VERSION} 200`, `${RESTORE_VERSION} 204`]);
  });

  it("stops after the bounded re-sends and says GitHub was unavailable", async () => {
    const { pkg } = deleted();
    github.failNext(RESTORE, { status: 500 }, 10);
    expect((await pat({ retries: 2 }).restore(pkg)).kind).toBe("github_unavailable");
    expect(trail().filter((call) => call.startsWith(RESTORE))).toHaveLength(3);
  });

  it("says unconfirmed and sends nothing more when GitHub won't show the package (App tokens get 404)", async () => {
    const { pkg } = deleted();
    github.failNext(RESTORE, { status: 502 });
    const outcome = await app().restore(pkg);
    expect(outcome).toMatchObject({ kind: "unconfirmed", status: 502 });
    expect(trail()).toEqual([`${RESTORE} 502`, `${GET} 404`]);
  });

  it("says unconfirmed when the look-up itself fails, after the read's own retries", async () => {
    const { pkg } = deleted();
    github.failNext(RESTORE, { status: 503 });
    github.failNext(GET, { status: 500 }, 10);
    expect((await pat({ retries: 1 }).restore(pkg)).kind).toBe("unconfirmed");
    expect(trail()).toEqual([`${RESTORE} 503`, `${GET} 500`, `${GET} 500`]);
  });
});

describe("the restore's time budget", () => {
  it("settles within maxRestoreMs, unconfirmed while a restore is unanswered, and sends nothing after", async () => {
    const { pkg } = deleted();
    github.failNext(RESTORE, { status: 504, acts: true, delayMs: 2000 });
    const restorer = pat({ attemptTimeoutMs: 5000, restoreBudgetMs: 400 });
    expect(restorer.maxRestoreMs).toBe(400);
    const started = Date.now();
    const outcome = await restorer.restore(pkg);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(outcome.kind).toBe("unconfirmed");
    await answered(RESTORE, 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(github.restoreCalls()).toHaveLength(1);
  });

  it("says GitHub was unavailable when the budget runs out with nothing unsettled", async () => {
    const { pkg } = deleted();
    github.failNext(RESTORE, { status: 502 }, 10);
    const outcome = await pat({ retryBaseMs: 200, restoreBudgetMs: 150 }).restore(pkg);
    expect(outcome).toMatchObject({ kind: "github_unavailable", status: 502 });
  });
});

describe("4xx are never retried", () => {
  it.each([406, 413, 415, 410, 418])("sends a read that got %i once", async (status) => {
    const { pkg } = deleted();
    github.failNext(GET, { status }, 5);
    await pat({ retryBaseMs: 1 }).precheck(pkg);
    expect(trail()).toEqual([`${GET} ${status}`]);
  });
});

describe("installation tokens", () => {
  /** A restorer for a new org, so no token is cached for it yet. */
  function freshOrg(): { restorer: ReturnType<typeof app>; request: ResolvedRequest } {
    const org = `tokens-${++installations}`;
    github.addOrg(org, { installationId: installations });
    github.addPackage(org, { type: "npm", name: "lib", deletedAt: new Date(Date.now() - 86_400_000) });
    return {
      restorer: app(),
      request: { org, packageType: "npm", packageName: "lib", target: { kind: "package" }, reason: "", notes: [] },
    };
  }

  it.each([
    [403, "This installation has been suspended"],
    [422, "The permissions requested are not granted to this installation."],
  ])("a %i on creating one is token_refused, and no restore is sent", async (status, message) => {
    const { restorer, request } = freshOrg();
    github.failNext(TOKEN, { status, message });
    expect(await restorer.restore(request)).toMatchObject({ kind: "token_refused", status, githubMessage: message });
    expect(github.restoreCalls()).toEqual([]);
  });

  it("a refusal to renew a token GitHub stopped accepting is an outcome, not an exception", async () => {
    const { restorer, request } = freshOrg();
    await restorer.precheck(request);
    github.expireInstallationTokens();
    github.failNext(TOKEN, { status: 403, message: "This installation has been suspended" });
    const outcome = await restorer.restore(request);
    expect(outcome).toMatchObject({ kind: "token_refused", status: 403 });
    // @octokit/auth-app re-sends a 401 for a token younger than 5 s (GitHub's replication delay): GitHub acted on none.
    expect(new Set(github.restoreCalls().map((call) => call.status))).toEqual(new Set([401]));
  }, 15_000);
});
