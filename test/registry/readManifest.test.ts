/** The registry client against the registry simulator: reads, HEADs and the token exchange. */
import { afterEach, describe, expect, it } from "vitest";
import { createRegistryClient } from "../../src/registry/createRegistryClient.js";
import { loadRegistryClient } from "../../src/registry/loadRegistryClient.js";
import { RegistryReferenceError } from "../../src/registry/RegistryReferenceError.js";
import type { RegistryClientOptions } from "../../src/registry/registryClient.js";
import { buildImageIndex } from "../../local/simulators/registry/buildImageIndex.js";
import {
  startRegistrySimulator,
  type RegistrySimulator,
  type RegistrySimulatorOptions,
} from "../../local/simulators/registry/startRegistrySimulator.js";

const NAME = "acme/team/app";
const PAT = { username: "robin", token: "ghp_registryReaderToken" };
const UNKNOWN = `sha256:${"0".repeat(64)}`;
const image = buildImageIndex();
const [amd64, arm64, amd64Proof, arm64Proof] = image.children;
let sim: RegistrySimulator | undefined;

afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function setUp(options: RegistrySimulatorOptions = {}, client: Partial<RegistryClientOptions> = {}) {
  sim = await startRegistrySimulator(options);
  sim.pushImage(NAME, image, ["v1", "latest"]);
  return { sim, client: createRegistryClient({ registryUrl: sim.url, credential: PAT, retryBaseMs: 1, ...client }) };
}

describe("readManifest", () => {
  it("reads an index by tag: its digest, and each child with its platform, attestations pointing at theirs", async () => {
    const { client } = await setUp();
    expect(await client.readManifest(NAME, "v1")).toEqual({
      kind: "index",
      digest: image.index.digest,
      mediaType: "application/vnd.oci.image.index.v1+json",
      children: [
        {
          digest: amd64?.digest,
          mediaType: "application/vnd.oci.image.manifest.v1+json",
          size: amd64?.bytes.length,
          platform: { os: "linux", architecture: "amd64" },
        },
        {
          digest: arm64?.digest,
          mediaType: "application/vnd.oci.image.manifest.v1+json",
          size: arm64?.bytes.length,
          platform: { os: "linux", architecture: "arm64", variant: "v8" },
        },
        {
          digest: amd64Proof?.digest,
          mediaType: "application/vnd.oci.image.manifest.v1+json",
          size: amd64Proof?.bytes.length,
          platform: { os: "unknown", architecture: "unknown" },
          attestationFor: amd64?.digest,
        },
        {
          digest: arm64Proof?.digest,
          mediaType: "application/vnd.oci.image.manifest.v1+json",
          size: arm64Proof?.bytes.length,
          platform: { os: "unknown", architecture: "unknown" },
          attestationFor: arm64?.digest,
        },
      ],
    });
  });

  it("reads the same index by digest, and each child by digest as an image", async () => {
    const { client } = await setUp();
    expect(await client.readManifest(NAME, image.index.digest)).toMatchObject({
      kind: "index",
      digest: image.index.digest,
    });
    for (const child of image.children) {
      expect(await client.readManifest(NAME, child.digest)).toEqual({
        kind: "image",
        digest: child.digest,
        mediaType: child.mediaType,
      });
    }
  });

  it("reads a Docker manifest list and its Docker children", async () => {
    const docker = buildImageIndex({ format: "docker", seed: "docker" });
    const { sim, client } = await setUp();
    sim.pushImage("acme/legacy", docker, ["v2"]);
    const answer = await client.readManifest("acme/legacy", "v2");
    expect(answer).toMatchObject({
      kind: "index",
      digest: docker.index.digest,
      mediaType: "application/vnd.docker.distribution.manifest.list.v2+json",
    });
    expect(answer.kind === "index" && answer.children.map((child) => child.mediaType)).toEqual([
      "application/vnd.docker.distribution.manifest.v2+json",
      "application/vnd.docker.distribution.manifest.v2+json",
    ]);
  });

  it("answers unknown_manifest with the registry's code for an unknown digest, tag and repository", async () => {
    const { client } = await setUp();
    expect(await client.readManifest(NAME, UNKNOWN)).toEqual({ kind: "unknown_manifest", code: "MANIFEST_UNKNOWN" });
    expect(await client.readManifest(NAME, "v9")).toEqual({ kind: "unknown_manifest", code: "MANIFEST_UNKNOWN" });
    expect(await client.readManifest("acme/never-pushed", "v1")).toEqual({
      kind: "unknown_manifest",
      code: "MANIFEST_UNKNOWN",
    });
  });

  it("answers unknown_manifest for a child GitHub shows deleted, and the index still reads (a broken multi-arch image)", async () => {
    const deleted = new Set([arm64?.digest]);
    const { client } = await setUp({
      isDeleted: (org, pkg, digest) => org === "acme" && pkg === "team/app" && deleted.has(digest),
    });
    expect(await client.readManifest(NAME, arm64?.digest ?? "")).toEqual({
      kind: "unknown_manifest",
      code: "MANIFEST_UNKNOWN",
    });
    expect(await client.manifestExists(NAME, arm64?.digest ?? "")).toEqual({ kind: "unknown_manifest" });
    expect(await client.readManifest(NAME, "v1")).toMatchObject({ kind: "index" });
    deleted.clear();
    expect(await client.manifestExists(NAME, arm64?.digest ?? "")).toMatchObject({ kind: "exists" });
  });

  it("throws RegistryReferenceError, sending nothing, for a name or reference the API can't carry", async () => {
    const { sim, client } = await setUp();
    for (const [name, reference] of [
      ["Acme/App", "v1"],
      ["acme/app/", "v1"],
      ["acme/../x", "v1"],
      [NAME, "sha256:abc"],
      [NAME, "-v1"],
      [NAME, "a".repeat(129)],
      [NAME, `SHA256:${"a".repeat(64)}`],
    ] as const) {
      await expect(client.readManifest(name, reference)).rejects.toBeInstanceOf(RegistryReferenceError);
    }
    await expect(client.manifestExists(NAME, "v1")).rejects.toThrow(/Not a valid registry digest/);
    expect(sim.calls).toEqual([]);
  });
});

describe("loadRegistryClient", () => {
  it("imports the client on first use and gives a working one", async () => {
    const { sim } = await setUp();
    const client = await loadRegistryClient({ registryUrl: sim.url, credential: PAT });
    expect(await client.manifestExists(NAME, image.index.digest)).toMatchObject({
      kind: "exists",
      digest: image.index.digest,
    });
  });
});

describe("manifestExists", () => {
  it("answers exists with the media type for a child, by HEAD, and unknown_manifest for another digest", async () => {
    const { sim, client } = await setUp();
    expect(await client.manifestExists(NAME, amd64?.digest ?? "")).toEqual({
      kind: "exists",
      digest: amd64?.digest,
      mediaType: "application/vnd.oci.image.manifest.v1+json",
    });
    expect(await client.manifestExists(NAME, UNKNOWN)).toEqual({ kind: "unknown_manifest" });
    expect(sim.calls.filter((call) => call.route === "manifests").map((call) => call.method)).toEqual([
      "HEAD",
      "HEAD",
      "HEAD",
    ]);
  });
});

describe("the token exchange", () => {
  it("answers the challenge with Basic credentials, then reuses the registry token for the same repository", async () => {
    const { sim, client } = await setUp();
    await client.readManifest(NAME, "v1");
    await client.manifestExists(NAME, amd64?.digest ?? "");
    await client.readManifest(NAME, arm64?.digest ?? "");
    expect(sim.calls.map((call) => `${call.method} ${call.route} ${call.auth} ${call.status}`)).toEqual([
      "GET manifests none 401",
      "GET token basic 200",
      "GET manifests bearer 200",
      "HEAD manifests bearer 200",
      "GET manifests bearer 200",
    ]);
    const tokenCall = new URL(sim.calls[1]?.target ?? "", sim.url);
    expect(Object.fromEntries(tokenCall.searchParams)).toEqual({
      service: sim.service,
      scope: `repository:${NAME}:pull`,
    });
  });

  it("gets a token per repository", async () => {
    const { sim, client } = await setUp();
    sim.pushImage("acme/other", buildImageIndex({ seed: "other" }), ["v1"]);
    await client.readManifest(NAME, "v1");
    await client.readManifest("acme/other", "v1");
    await client.readManifest(NAME, "latest");
    expect(sim.calls.filter((call) => call.route === "token")).toHaveLength(2);
  });

  it("gets a new token once the old one is near its expires_in, and after the registry stops taking it", async () => {
    let clock = 1_000_000;
    const { sim, client } = await setUp({ tokenLifetimeSeconds: 60 }, { now: () => clock });
    await client.readManifest(NAME, "v1");
    clock += 49_000;
    await client.readManifest(NAME, "v1");
    expect(sim.calls.filter((call) => call.route === "token")).toHaveLength(1);
    clock += 2_000;
    await client.readManifest(NAME, "v1");
    expect(sim.calls.filter((call) => call.route === "token")).toHaveLength(2);
    sim.expireTokens();
    expect(await client.readManifest(NAME, "v1")).toMatchObject({ kind: "index" });
    expect(sim.calls.filter((call) => call.route === "token")).toHaveLength(3);
  });

  it.each(["access_token", "both"] as const)("reads the token from %s", async (tokenField) => {
    const { client } = await setUp({ tokenField });
    expect(await client.readManifest(NAME, "v1")).toMatchObject({ kind: "index" });
  });

  it("calls a credential function with the repository, only when a token is needed", async () => {
    const asked: string[] = [];
    const passwords: string[] = [];
    const { client } = await setUp(
      {
        knownCredential: (token) => {
          passwords.push(token);
          return token === "ghs_installationToken";
        },
      },
      {
        credential: (name) => {
          asked.push(name);
          return "ghs_installationToken";
        },
      },
    );
    await client.readManifest(NAME, "v1");
    await client.readManifest(NAME, "latest");
    expect(asked).toEqual([NAME]);
    expect(passwords).toEqual(["ghs_installationToken"]);
  });
});
