/**
 * Answers the client must not trust: a server that plays a registry without auth and serves whatever a test
 * gives it, to check digests, media types and sizes as the spec asks
 * (https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pulling-manifests).
 */
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRegistryClient } from "../../src/registry/createRegistryClient.js";
import { MAX_BODY_BYTES } from "../../src/registry/sendRegistryRequest.js";

interface Served {
  status?: number;
  headers?: Record<string, string>;
  body: Buffer | string;
}

const digest = (bytes: Buffer | string) => `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
const OCI_INDEX = "application/vnd.oci.image.index.v1+json";
const image = JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config: {}, layers: [] });
let serve: Served = { body: "" };
let server: Server;
let url = "";

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    const body = Buffer.from(serve.body);
    res.writeHead(serve.status ?? 200, {
      "content-type": OCI_MANIFEST,
      "docker-content-digest": digest(body),
      ...serve.headers,
    });
    res.end(req.method === "HEAD" ? undefined : body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const client = () =>
  createRegistryClient({ registryUrl: url, credential: { username: "u", token: "ghp_x" }, retries: 0 });

describe("the client checks what it is served", () => {
  it("answers the digest it asked for when the bytes hash to it", async () => {
    serve = { body: image };
    expect(await client().readManifest("acme/app", digest(image))).toEqual({
      kind: "image",
      digest: digest(image),
      mediaType: OCI_MANIFEST,
    });
  });

  it("answers the bytes' own digest for a tag, whatever the server calls it, if it calls it that", async () => {
    serve = { body: image, headers: { "content-type": `${OCI_MANIFEST}; charset=utf-8` } };
    expect(await client().readManifest("acme/app", "v1")).toEqual({
      kind: "image",
      digest: digest(image),
      mediaType: OCI_MANIFEST,
    });
  });

  it("refuses bytes that don't hash to the digest asked for, even when Docker-Content-Digest agrees with them", async () => {
    serve = { body: image };
    const asked = digest("something else");
    expect(await client().readManifest("acme/app", asked)).toEqual({
      kind: "invalid",
      reason: `The registry at ${url} served bytes for ${asked} that hash to ${digest(image)}; they were not used.`,
    });
  });

  it("refuses a Docker-Content-Digest that doesn't match the bytes of a tag", async () => {
    serve = { body: image, headers: { "docker-content-digest": digest("other") } };
    expect(await client().readManifest("acme/app", "v1")).toMatchObject({
      kind: "invalid",
      reason: expect.stringMatching(/sent Docker-Content-Digest sha256:\S+ with bytes that hash to/),
    });
  });

  it("checks a sha512 digest with sha512", async () => {
    serve = {
      body: image,
      headers: { "docker-content-digest": `sha512:${createHash("sha512").update(image).digest("hex")}` },
    };
    const asked = `sha512:${createHash("sha512").update(image).digest("hex")}`;
    expect(await client().readManifest("acme/app", asked)).toEqual({
      kind: "image",
      digest: asked,
      mediaType: OCI_MANIFEST,
    });
  });

  it("refuses a manifest whose mediaType disagrees with its Content-Type", async () => {
    serve = { body: image, headers: { "content-type": OCI_INDEX } };
    expect(await client().readManifest("acme/app", "v1")).toMatchObject({
      kind: "invalid",
      reason: expect.stringMatching(
        /says it is application\/vnd\.oci\.image\.manifest\.v1\+json but was served as application\/vnd\.oci\.image\.index\.v1\+json/,
      ),
    });
  });

  it.each<[string, Served, RegExp]>([
    ["not JSON", { body: "<html>" }, /is not JSON/],
    ["JSON that isn't an object", { body: "[1]" }, /is not a JSON object/],
    [
      "a type it doesn't read",
      { body: "{}", headers: { "content-type": "application/vnd.docker.distribution.manifest.v1+prettyjws" } },
      /of a type this bot doesn't read \(application\/vnd\.docker\.distribution\.manifest\.v1\+prettyjws\)/,
    ],
    [
      "an index without manifests",
      { body: JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX }), headers: { "content-type": OCI_INDEX } },
      /has no manifests list/,
    ],
    [
      "an index child without a valid digest",
      {
        body: JSON.stringify({ mediaType: OCI_INDEX, manifests: [{ mediaType: OCI_MANIFEST, digest: "sha256:abc" }] }),
        headers: { "content-type": OCI_INDEX },
      },
      /without a valid digest/,
    ],
    ["a 3xx", { status: 304, body: "" }, /answered 304 instead of a manifest/],
  ])("answers invalid for %s", async (_name, served, reason) => {
    serve = served;
    expect(await client().readManifest("acme/app", "v1")).toMatchObject({
      kind: "invalid",
      reason: expect.stringMatching(reason),
    });
  });

  it("reads a mediaType-less manifest by its Content-Type, and ignores annotations that don't make an attestation", async () => {
    const child = {
      mediaType: OCI_MANIFEST,
      digest: digest("c"),
      size: 1,
      platform: { os: "linux", architecture: "amd64", variant: 7 },
      annotations: { "vnd.docker.reference.type": "attestation-manifest", "vnd.docker.reference.digest": "nope" },
    };
    serve = { body: JSON.stringify({ schemaVersion: 2, manifests: [child] }), headers: { "content-type": OCI_INDEX } };
    expect(await client().readManifest("acme/app", "v1")).toMatchObject({
      kind: "index",
      children: [
        { digest: digest("c"), mediaType: OCI_MANIFEST, size: 1, platform: { os: "linux", architecture: "amd64" } },
      ],
    });
  });

  it("reads no more than MAX_BODY_BYTES, whether the length is declared or streamed", async () => {
    serve = { body: Buffer.alloc(MAX_BODY_BYTES + 1, 32) };
    expect(await client().readManifest("acme/app", "v1")).toMatchObject({
      kind: "invalid",
      reason: expect.stringMatching(/sent more than 4194304 bytes/),
    });
    serve = { body: Buffer.alloc(MAX_BODY_BYTES + 1, 32), headers: { "transfer-encoding": "chunked" } };
    expect(await client().readManifest("acme/app", "v1")).toMatchObject({
      kind: "invalid",
      reason: expect.stringMatching(/sent more than 4194304 bytes/),
    });
  });

  it("answers HEAD with a Docker-Content-Digest for another manifest as invalid", async () => {
    serve = { body: image };
    const asked = digest("asked");
    expect(await client().manifestExists("acme/app", asked)).toEqual({
      kind: "invalid",
      reason: `The registry at ${url} answered HEAD ${asked} with Docker-Content-Digest ${digest(image)}.`,
    });
  });
});
