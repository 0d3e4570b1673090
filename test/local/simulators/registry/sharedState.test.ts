/**
 * The registry simulator and the GitHub simulator sharing one state: the versions a seed adds for an image are
 * the manifests the registry serves, a deleted version's manifest is MANIFEST_UNKNOWN, and restoring it through
 * GitHub's REST API brings it back. Credentials are GitHub's too.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createRegistryClient } from "../../../../src/registry/createRegistryClient.js";
import {
  startGitHubSimulator,
  type GitHubSimulator,
} from "../../../../local/simulators/github/startGitHubSimulator.js";
import { buildImageIndex } from "../../../../local/simulators/registry/buildImageIndex.js";
import { deletionsFromGitHub } from "../../../../local/simulators/registry/deletionsFromGitHub.js";
import { packageVersionsOf } from "../../../../local/simulators/registry/packageVersionsOf.js";
import {
  startRegistrySimulator,
  type RegistrySimulator,
} from "../../../../local/simulators/registry/startRegistrySimulator.js";

const PATS = { ghp_readwrite: ["read:packages", "write:packages"], ghp_writeonly: ["write:packages"] };
const image = buildImageIndex();
const [amd64, arm64] = image.children;
let github: GitHubSimulator | undefined;
let registry: RegistrySimulator | undefined;

afterEach(async () => {
  await Promise.all([github?.close(), registry?.close()]);
  github = registry = undefined;
});

async function startBoth() {
  github = await startGitHubSimulator({ pats: PATS });
  const pats: Record<string, string[]> = PATS;
  registry = await startRegistrySimulator({
    isDeleted: deletionsFromGitHub(github),
    knownCredential: (token) => token in pats,
    mayPull: (token) => pats[token]?.includes("read:packages") ?? false,
  });
  github.addOrg("acme");
  const versions = packageVersionsOf(image, {
    firstId: 500,
    tags: ["v1"],
    deleted: { digests: [amd64?.digest ?? "", arm64?.digest ?? ""], at: new Date(Date.now() - 86_400_000) },
  });
  github.addPackage("acme", { type: "container", name: "team/app", versions });
  registry.pushImage("acme/team/app", image, ["v1"]);
  return {
    github,
    registry,
    client: createRegistryClient({
      registryUrl: registry.url,
      credential: { username: "robin", token: "ghp_readwrite" },
      retryBaseMs: 1,
    }),
  };
}

describe("shared state with the GitHub simulator", () => {
  it("names every manifest of the image as a version, tags on the index only", () => {
    const versions = packageVersionsOf(image, { firstId: 500, tags: ["v1"] });
    expect(versions.map((version) => [version.id, version.name, version.tags ?? []])).toEqual([
      [500, image.index.digest, ["v1"]],
      ...image.children.map((child, position) => [501 + position, child.digest, []]),
    ]);
  });

  it("answers MANIFEST_UNKNOWN for deleted versions until GitHub restores them", async () => {
    const { github, registry, client } = await startBoth();
    expect(await client.readManifest("acme/team/app", "v1")).toMatchObject({
      kind: "index",
      digest: image.index.digest,
    });
    expect(await client.manifestExists("acme/team/app", amd64?.digest ?? "")).toEqual({ kind: "unknown_manifest" });
    expect(await client.readManifest("acme/team/app", arm64?.digest ?? "")).toEqual({
      kind: "unknown_manifest",
      code: "MANIFEST_UNKNOWN",
    });

    const restored = await fetch(`${github.url}/orgs/acme/packages/container/team%2Fapp/versions/501/restore`, {
      method: "POST",
      headers: { authorization: "token ghp_readwrite" },
    });
    expect(restored.status).toBe(204);
    expect(await client.manifestExists("acme/team/app", amd64?.digest ?? "")).toMatchObject({
      kind: "exists",
      digest: amd64?.digest,
    });
    expect(await client.manifestExists("acme/team/app", arm64?.digest ?? "")).toEqual({ kind: "unknown_manifest" });
    expect(registry.calls.every((call) => !call.target.includes("ghp_"))).toBe(true);
  });

  it("hides every manifest of a deleted package, and serves a digest GitHub holds no version for", async () => {
    const { github, registry, client } = await startBoth();
    github.addPackage("acme", {
      type: "container",
      name: "gone",
      deletedAt: new Date(),
      versions: packageVersionsOf(image, { firstId: 900 }),
    });
    registry.pushImage("acme/gone", image, ["v1"]);
    const stray = buildImageIndex({ seed: "stray" });
    registry.pushImage("acme/team/app", stray, ["stray"]);
    expect(await client.readManifest("acme/gone", "v1")).toEqual({
      kind: "unknown_manifest",
      code: "MANIFEST_UNKNOWN",
    });
    expect(await client.readManifest("acme/team/app", "stray")).toMatchObject({
      kind: "index",
      digest: stray.index.digest,
    });
  });

  it("takes GitHub's credentials: an unknown PAT is refused 401, one without read:packages 403 DENIED", async () => {
    const { registry } = await startBoth();
    const as = (token: string) =>
      createRegistryClient({ registryUrl: registry.url, credential: { username: "robin", token }, retryBaseMs: 1 });
    expect(await as("ghp_unknown").readManifest("acme/team/app", "v1")).toMatchObject({
      kind: "refused",
      status: 401,
      code: "UNAUTHORIZED",
    });
    expect(await as("ghp_writeonly").readManifest("acme/team/app", "v1")).toMatchObject({
      kind: "refused",
      status: 403,
      code: "DENIED",
    });
  });
});
