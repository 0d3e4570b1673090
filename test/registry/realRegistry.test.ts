/**
 * The registry client once against a real registry: Debian's docker-registry (CNCF Distribution 2.8), started on
 * 127.0.0.1 with an image pushed through its API; and the simulator held to the same answers, request by request.
 * Skipped, saying why, where /usr/bin/docker-registry is missing; .ci/run installs it so CI runs this.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRegistryClient } from "../../src/registry/createRegistryClient.js";
import type { RegistryClient } from "../../src/registry/registryClient.js";
import { buildImageIndex } from "../../local/simulators/registry/buildImageIndex.js";
import {
  startRegistrySimulator,
  type RegistrySimulator,
} from "../../local/simulators/registry/startRegistrySimulator.js";
import { pushImage } from "./pushImage.js";
import { registryMissingReason, startRealRegistry, type RealRegistry } from "./startRealRegistry.js";

const NAME = "acme/team/app";
const UNKNOWN = `sha256:${"0".repeat(64)}`;
const ACCEPT =
  "application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json";
const image = buildImageIndex();
const docker = buildImageIndex({ format: "docker", seed: "legacy" });
const broken = buildImageIndex({ seed: "broken" });
const missing = registryMissingReason();
if (missing) console.warn(`Skipping the real registry tests: ${missing}`);

let registry: RealRegistry | undefined;
let sim: RegistrySimulator | undefined;
let real: RegistryClient;
let simulated: RegistryClient;

beforeAll(async () => {
  if (missing) return;
  registry = await startRealRegistry();
  sim = await startRegistrySimulator({ requireAuth: false });
  for (const [name, built, tag] of [
    [NAME, image, "v1"],
    ["acme/legacy", docker, "v2"],
    ["acme/broken", broken, "v1"],
  ] as const) {
    await pushImage(registry.url, name, built, tag);
    sim.pushImage(name, built, [tag]);
  }
  const credential = { username: "robin", token: "ghp_unused" };
  real = createRegistryClient({ registryUrl: registry.url, credential, retries: 0 });
  simulated = createRegistryClient({ registryUrl: sim.url, credential, retries: 0 });
}, 30_000);

afterAll(async () => {
  await registry?.stop();
  await sim?.close();
});

describe.skipIf(Boolean(missing))("the client against CNCF Distribution", () => {
  it("reads the pushed index with its platform and attestation children, as from the simulator", async () => {
    const answer = await real.readManifest(NAME, "v1");
    expect(answer).toEqual(await simulated.readManifest(NAME, "v1"));
    expect(answer.kind === "index" && answer.children.map((child) => [child.digest, child.attestationFor])).toEqual(
      image.children.map((child) => [child.digest, child.attestationFor]),
    );
    expect(await real.readManifest(NAME, image.index.digest)).toMatchObject({
      kind: "index",
      digest: image.index.digest,
    });
  });

  it("reads and HEADs each child by digest", async () => {
    for (const child of image.children) {
      expect(await real.readManifest(NAME, child.digest)).toEqual({
        kind: "image",
        digest: child.digest,
        mediaType: child.mediaType,
      });
      expect(await real.manifestExists(NAME, child.digest)).toEqual({
        kind: "exists",
        digest: child.digest,
        mediaType: child.mediaType,
      });
    }
  });

  it("answers unknown_manifest for a random digest, an unknown tag and a repository never pushed", async () => {
    expect(await real.readManifest(NAME, UNKNOWN)).toEqual({ kind: "unknown_manifest", code: "MANIFEST_UNKNOWN" });
    expect(await real.manifestExists(NAME, UNKNOWN)).toEqual({ kind: "unknown_manifest" });
    expect(await real.readManifest(NAME, "v9")).toEqual({ kind: "unknown_manifest", code: "MANIFEST_UNKNOWN" });
    expect(await real.readManifest("acme/never-pushed", "v1")).toEqual({
      kind: "unknown_manifest",
      code: "MANIFEST_UNKNOWN",
    });
  });

  it("reads a Docker manifest list", async () => {
    const answer = await real.readManifest("acme/legacy", "v2");
    expect(answer).toMatchObject({
      kind: "index",
      digest: docker.index.digest,
      mediaType: "application/vnd.docker.distribution.manifest.list.v2+json",
    });
    expect(answer).toEqual(await simulated.readManifest("acme/legacy", "v2"));
  });

  it("keeps serving an index whose child was deleted, which is the breakage a repair mends", async () => {
    const [child] = broken.children;
    const deleted = await fetch(`${registry?.url}/v2/acme/broken/manifests/${child?.digest}`, { method: "DELETE" });
    expect(deleted.status).toBe(202);
    sim?.removeManifest("acme/broken", child?.digest ?? "");
    for (const client of [real, simulated]) {
      expect(await client.readManifest("acme/broken", "v1")).toMatchObject({
        kind: "index",
        digest: broken.index.digest,
      });
      expect(await client.manifestExists("acme/broken", child?.digest ?? "")).toEqual({ kind: "unknown_manifest" });
    }
  });
});

/** What both servers must agree on; Date and the like are left out. */
async function answerOf(base: string, path: string, init: RequestInit = {}) {
  const response = await fetch(`${base}${path}`, init);
  const headers = [
    "content-type",
    "content-length",
    "docker-content-digest",
    "etag",
    "docker-distribution-api-version",
    "x-content-type-options",
    "www-authenticate",
  ];
  return {
    status: response.status,
    headers: Object.fromEntries(headers.map((name) => [name, response.headers.get(name)])),
    body: await response.text(),
  };
}

describe.skipIf(Boolean(missing))("the simulator answers as CNCF Distribution does", () => {
  const requests: Array<[string, string, RequestInit?]> = [
    ["the API root", "/v2/"],
    ["an index by tag", `/v2/${NAME}/manifests/v1`, { headers: { accept: ACCEPT } }],
    ["an index by digest", `/v2/${NAME}/manifests/${image.index.digest}`, { headers: { accept: ACCEPT } }],
    ["HEAD of an index", `/v2/${NAME}/manifests/v1`, { method: "HEAD", headers: { accept: ACCEPT } }],
    ["a child by digest", `/v2/${NAME}/manifests/${image.children[0]?.digest}`, { headers: { accept: ACCEPT } }],
    ["an attestation by digest", `/v2/${NAME}/manifests/${image.children[2]?.digest}`, { headers: { accept: ACCEPT } }],
    ["a Docker list by tag", "/v2/acme/legacy/manifests/v2", { headers: { accept: ACCEPT } }],
    ["an unknown digest", `/v2/${NAME}/manifests/${UNKNOWN}`, { headers: { accept: ACCEPT } }],
    ["HEAD of an unknown digest", `/v2/${NAME}/manifests/${UNKNOWN}`, { method: "HEAD", headers: { accept: ACCEPT } }],
    ["an unknown tag", `/v2/${NAME}/manifests/v9`, { headers: { accept: ACCEPT } }],
    ["a repository never pushed", "/v2/acme/never-pushed/manifests/v1", { headers: { accept: ACCEPT } }],
    ["an OCI index without Accept", `/v2/${NAME}/manifests/v1`],
    [
      "an OCI index when only image manifests are accepted",
      `/v2/${NAME}/manifests/v1`,
      { headers: { accept: "application/vnd.oci.image.manifest.v1+json" } },
    ],
    ["an OCI manifest without Accept", `/v2/${NAME}/manifests/${image.children[0]?.digest}`],
    ["an upper-case name", "/v2/Acme/App/manifests/v1", { headers: { accept: ACCEPT } }],
  ];

  it.each(requests)("%s", async (_what, path, init) => {
    expect(await answerOf(sim?.url ?? "", path, init)).toEqual(await answerOf(registry?.url ?? "", path, init));
  });
});
