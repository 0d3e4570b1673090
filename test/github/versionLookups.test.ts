// The GitHub adapter's version listing and pre-check, against the GitHub simulator.
import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createGitHubRestorer } from "../../src/github/createGitHubRestorer.js";
import { parseLinks } from "../../src/github/lookUpVersions.js";
import type { ResolvedRequest } from "../../src/domain/command/restoreRequest.js";
import { startGitHubSimulator, type GitHubSimulator } from "../../local/simulators/github/startGitHubSimulator.js";

const DAY = 86_400_000;
const LIST = "packages/get-all-package-versions-for-package-owned-by-org";
let github: GitHubSimulator;
let privateKey: string;
const tuning = { retryBaseMs: 1, writeSpacingMs: 0, retries: 0 };
const ago = (days: number) => new Date(Date.now() - days * DAY);

beforeAll(async () => {
  const keys = generateKeyPairSync("rsa", { modulusLength: 2048 });
  privateKey = keys.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  github = await startGitHubSimulator({
    appId: 77,
    appPublicKey: keys.publicKey,
    pats: { ghp_lookups: ["read:packages", "write:packages"] },
  });
  github.addOrg("acme", { installationId: 8 });
  github.addPackage("acme", {
    type: "npm",
    name: "many",
    versions: Array.from({ length: 45 }, (_, index) => ({
      id: 5000 + index,
      name: `1.0.${index}`,
      ...(index === 44 ? {} : { deletedAt: ago(1) }),
    })),
  });
  github.addPackage("acme", {
    type: "container",
    name: "team/img",
    versions: [
      { id: 6002, name: `sha256:${"c".repeat(64)}`, tags: ["v2", "latest"] },
      { id: 6001, name: `sha256:${"b".repeat(64)}`, tags: ["v1.4.2"], deletedAt: ago(3) },
    ],
  });
  github.addPackage("acme", {
    type: "docker",
    name: "legacy/img",
    versions: [{ id: 6101, name: `sha256:${"d".repeat(64)}`, tags: ["old"], deletedAt: ago(2) }],
  });
  github.addPackage("acme", { type: "npm", name: "gone", deletedAt: ago(2) });
});
afterAll(async () => github.close());
beforeEach(() => {
  github.reset();
  github.appTokensOnPackages = "allowed";
});

const pat = () =>
  createGitHubRestorer(
    { authMode: "token", token: "ghp_lookups", apiUrl: github.url, webUrl: "https://github.com" },
    tuning,
  );
const app = () =>
  createGitHubRestorer(
    { authMode: "app", appId: "77", privateKey, apiUrl: github.url, webUrl: "https://github.com" },
    tuning,
  );
const pkg = (packageType: ResolvedRequest["packageType"], packageName: string) => ({
  org: "acme",
  packageType,
  packageName,
});
const versionOf = (
  packageType: ResolvedRequest["packageType"],
  packageName: string,
  versionId: number,
): ResolvedRequest => ({
  ...pkg(packageType, packageName),
  target: { kind: "version", versionId },
  reason: "",
  notes: [],
});
const packageOf = (packageType: ResolvedRequest["packageType"], packageName: string): ResolvedRequest => ({
  ...pkg(packageType, packageName),
  target: { kind: "package" },
  reason: "",
  notes: [],
});

describe("deletedVersions", () => {
  it("asks for state=deleted a page at a time and reads GitHub's Link header for more", async () => {
    const first = await pat().deletedVersions(pkg("npm", "many"), { page: 1, perPage: 20 });
    expect(first).toMatchObject({ kind: "versions", hasMore: true, lastPage: 3 });
    if (first.kind !== "versions") throw new Error("expected versions");
    expect(first.versions.map((version) => version.id)).toEqual(Array.from({ length: 20 }, (_, index) => 5043 - index));
    expect(first.versions[0]).toEqual({ id: 5043, name: "1.0.43", tags: [], deletedAt: expect.stringMatching(/Z$/) });
    const last = await pat().deletedVersions(pkg("npm", "many"), { page: 3, perPage: 20 });
    expect(last).toMatchObject({ kind: "versions", hasMore: false, lastPage: 3 });
    if (last.kind === "versions") expect(last.versions.map((version) => version.id)).toEqual([5003, 5002, 5001, 5000]);
    expect(github.calls.filter((call) => call.operationId === LIST).map((call) => call.query)).toEqual([
      { state: "deleted", page: "1", per_page: "20" },
      { state: "deleted", page: "3", per_page: "20" },
    ]);
  });

  it("reads container tags, and docker tags, and sends a name with / as one segment", async () => {
    const container = await pat().deletedVersions(pkg("container", "team/img"), { page: 1, perPage: 100 });
    expect(container).toMatchObject({ kind: "versions", versions: [{ id: 6001, tags: ["v1.4.2"] }], hasMore: false });
    const docker = await pat().deletedVersions(pkg("docker", "legacy/img"), { page: 1, perPage: 100 });
    expect(docker).toMatchObject({ kind: "versions", versions: [{ id: 6101, tags: ["old"] }] });
    expect(github.calls.map((call) => call.rawPath)).toContain("/orgs/acme/packages/container/team%2Fimg/versions");
  });

  it("reads GitHub's 404 as the package itself deleted, and a refusal as unknown", async () => {
    expect(await pat().deletedVersions(pkg("npm", "gone"), { page: 1, perPage: 20 })).toEqual({
      kind: "package_deleted",
    });
    github.appTokensOnPackages = "forbidden";
    expect(await app().deletedVersions(pkg("npm", "many"), { page: 1, perPage: 20 })).toEqual({
      kind: "unknown",
      reason: "GitHub answered 403: Resource not accessible by integration",
    });
  });
});

describe("precheck", () => {
  it.each<[string, () => ResolvedRequest, unknown]>([
    ["an active package", () => packageOf("npm", "many"), { kind: "package_active" }],
    ["a deleted package (PAT)", () => packageOf("npm", "gone"), { kind: "restorable" }],
    [
      "a deleted version",
      () => versionOf("container", "team/img", 6001),
      { kind: "restorable", versionLabel: "v1.4.2", deletedAt: expect.stringMatching(/Z$/) },
    ],
    ["an active version", () => versionOf("container", "team/img", 6002), { kind: "version_not_deleted" }],
    [
      "an older deleted version among many",
      () => versionOf("npm", "many", 5000),
      { kind: "restorable", versionLabel: "1.0.0", deletedAt: expect.any(String) },
    ],
    ["a version of a deleted package", () => versionOf("npm", "gone", 1), { kind: "package_deleted" }],
  ])("with a PAT: %s", async (_, request, expected) => {
    expect(await pat().precheck(request())).toEqual(expected);
  });

  it("with an App token, treats GitHub's 404 as 'could not check': GitHub says it to App tokens too", async () => {
    expect(await app().precheck(packageOf("npm", "gone"))).toEqual({
      kind: "unknown",
      detail: expect.stringContaining("refuses GitHub App tokens"),
    });
    expect(await app().precheck(packageOf("npm", "many"))).toEqual({ kind: "package_active" });
    github.appTokensOnPackages = "forbidden";
    expect(await app().precheck(versionOf("npm", "many", 5000))).toEqual({
      kind: "unknown",
      detail: "GitHub answered 403: Resource not accessible by integration",
    });
  });

  it("says so when the App is not installed on the org", async () => {
    github.addOrg("initech", {});
    expect(await app().precheck({ ...packageOf("npm", "x"), org: "initech" })).toEqual({
      kind: "unknown",
      detail: "the bot's GitHub App is not installed on initech",
    });
  });
});

describe("parseLinks", () => {
  it("reads next and last, and ignores what it can't read", () => {
    expect(
      parseLinks(
        '<https://api.github.com/orgs/a/packages/npm/x/versions?state=deleted&page=2>; rel="next", <https://api.github.com/orgs/a/packages/npm/x/versions?state=deleted&page=5>; rel="last"',
      ),
    ).toEqual({ next: 2, last: 5 });
    expect(parseLinks('<https://x/?page=1>; rel="prev", <https://x/?page=1>; rel="first"')).toEqual({});
    expect(parseLinks(undefined)).toEqual({});
    expect(parseLinks("garbage")).toEqual({});
  });
});
