/**
 * The registry simulator's answers held to the OCI Distribution spec
 * (https://github.com/opencontainers/distribution-spec/blob/main/spec.md) and the token spec
 * (https://distribution.github.io/distribution/spec/auth/token/), with plain fetch rather than the bot's client.
 */
import { createHash } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { buildImageIndex } from "../../../../local/simulators/registry/buildImageIndex.js";
import {
  startRegistrySimulator,
  type RegistrySimulator,
  type RegistrySimulatorOptions,
} from "../../../../local/simulators/registry/startRegistrySimulator.js";

const NAME = "acme/team/app";
const ACCEPT =
  "application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json";
// The spec's error codes ("Error Codes"): a body in JSON must use one of these.
const SPEC_CODES = [
  "BLOB_UNKNOWN",
  "BLOB_UPLOAD_INVALID",
  "BLOB_UPLOAD_UNKNOWN",
  "DIGEST_INVALID",
  "MANIFEST_BLOB_UNKNOWN",
  "MANIFEST_INVALID",
  "MANIFEST_UNKNOWN",
  "NAME_INVALID",
  "NAME_UNKNOWN",
  "SIZE_INVALID",
  "UNAUTHORIZED",
  "DENIED",
  "UNSUPPORTED",
  "TOOMANYREQUESTS",
];
const image = buildImageIndex();
let sim: RegistrySimulator | undefined;

afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(options: RegistrySimulatorOptions = {}): Promise<RegistrySimulator> {
  sim = await startRegistrySimulator(options);
  sim.pushImage(NAME, image, ["v1"]);
  return sim;
}

async function tokenFor(s: RegistrySimulator, password = "ghp_reader", name = NAME): Promise<string> {
  const url = `${s.url}/token?service=${encodeURIComponent(s.service)}&scope=${encodeURIComponent(`repository:${name}:pull`)}`;
  const response = await fetch(url, {
    headers: { authorization: `Basic ${Buffer.from(`robin:${password}`).toString("base64")}` },
  });
  return ((await response.json()) as { token: string }).token;
}

/** The spec's error body: `{"errors":[{code, message?, detail?}]}` and nothing else, codes from its list. */
async function specError(response: Response): Promise<{ code: string; message?: string; detail?: unknown }> {
  expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
  const body = (await response.json()) as { errors: Array<Record<string, unknown>> };
  expect(Object.keys(body)).toEqual(["errors"]);
  expect(body.errors).toHaveLength(1);
  const [error] = body.errors;
  expect(Object.keys(error ?? {}).every((key) => ["code", "message", "detail"].includes(key))).toBe(true);
  expect(SPEC_CODES).toContain(error?.code);
  return error as { code: string; message?: string; detail?: unknown };
}

const sha256 = (bytes: ArrayBuffer) => `sha256:${createHash("sha256").update(Buffer.from(bytes)).digest("hex")}`;

describe("auth", () => {
  it("challenges /v2/ and a manifest with Bearer realm and service, the scope only on the repository route", async () => {
    const s = await start();
    const base = await fetch(`${s.url}/v2/`);
    expect(base.status).toBe(401);
    expect(base.headers.get("docker-distribution-api-version")).toBe("registry/2.0");
    expect(base.headers.get("www-authenticate")).toBe(`Bearer realm="${s.url}/token",service="${s.service}"`);
    expect(await specError(base)).toEqual({ code: "UNAUTHORIZED", message: "authentication required", detail: null });
    const manifest = await fetch(`${s.url}/v2/${NAME}/manifests/v1`, { headers: { accept: ACCEPT } });
    expect(manifest.headers.get("www-authenticate")).toBe(
      `Bearer realm="${s.url}/token",service="${s.service}",scope="repository:${NAME}:pull"`,
    );
    expect((await specError(manifest)).detail).toEqual([{ Type: "repository", Class: "", Name: NAME, Action: "pull" }]);
  });

  it("issues a token for Basic credentials with expires_in and an RFC 3339 issued_at, which opens /v2/", async () => {
    const s = await start({ tokenLifetimeSeconds: 120, now: () => new Date("2026-11-26T12:00:00Z") });
    const response = await fetch(`${s.url}/token?service=${s.service}&scope=repository:${NAME}:pull`, {
      headers: { authorization: `Basic ${Buffer.from("robin:ghp_reader").toString("base64")}` },
    });
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({
      token: expect.stringMatching(/^\S{20,}$/),
      expires_in: 120,
      issued_at: "2026-11-26T12:00:00.000Z",
    });
    expect((await fetch(`${s.url}/v2/`, { headers: { authorization: `Bearer ${String(body.token)}` } })).status).toBe(
      200,
    );
  });

  it("answers 401 UNAUTHORIZED at the token service for a credential GitHub doesn't know", async () => {
    const s = await start({ knownCredential: (token) => token === "ghp_reader" });
    const response = await fetch(`${s.url}/token?service=${s.service}&scope=repository:${NAME}:pull`, {
      headers: { authorization: `Basic ${Buffer.from("robin:ghp_wrong").toString("base64")}` },
    });
    expect(response.status).toBe(401);
    expect((await specError(response)).code).toBe("UNAUTHORIZED");
  });

  it("answers 403 DENIED with a token for an installation token when told to refuse them, and for a credential that may not pull", async () => {
    const s = await start({ refuseInstallationTokens: true, mayPull: (token) => token !== "ghp_noscope" });
    for (const password of ["ghs_installation", "ghp_noscope"]) {
      const response = await fetch(`${s.url}/v2/${NAME}/manifests/v1`, {
        headers: { accept: ACCEPT, authorization: `Bearer ${await tokenFor(s, password)}` },
      });
      expect(response.status).toBe(403);
      expect(await specError(response)).toEqual({
        code: "DENIED",
        message: "requested access to the resource is denied",
      });
    }
    s.refuseInstallationTokens = false;
    expect(
      (
        await fetch(`${s.url}/v2/${NAME}/manifests/v1`, {
          headers: { accept: ACCEPT, authorization: `Bearer ${await tokenFor(s, "ghs_installation")}` },
        })
      ).status,
    ).toBe(200);
  });

  it("says invalid_token for an expired token and insufficient_scope for another repository's", async () => {
    const s = await start();
    const other = await tokenFor(s, "ghp_reader", "acme/other");
    const scoped = await fetch(`${s.url}/v2/${NAME}/manifests/v1`, {
      headers: { accept: ACCEPT, authorization: `Bearer ${other}` },
    });
    expect(scoped.headers.get("www-authenticate")).toMatch(/,error="insufficient_scope"$/);
    const token = await tokenFor(s);
    s.expireTokens();
    const expired = await fetch(`${s.url}/v2/${NAME}/manifests/v1`, {
      headers: { accept: ACCEPT, authorization: `Bearer ${token}` },
    });
    expect(expired.status).toBe(401);
    expect(expired.headers.get("www-authenticate")).toMatch(/,error="invalid_token"$/);
  });
});

describe("manifests", () => {
  it("serves each manifest by tag and digest with its media type, length and a digest that is the SHA-256 of the bytes", async () => {
    const s = await start();
    const authorization = `Bearer ${await tokenFor(s)}`;
    for (const [reference, expected] of [
      ["v1", image.index],
      ...[image.index, ...image.children].map((m) => [m.digest, m] as const),
    ] as const) {
      const response = await fetch(`${s.url}/v2/${NAME}/manifests/${reference}`, {
        headers: { accept: ACCEPT, authorization },
      });
      const bytes = await response.arrayBuffer();
      expect(response.status).toBe(200);
      expect(sha256(bytes)).toBe(expected.digest);
      expect(response.headers.get("docker-content-digest")).toBe(expected.digest);
      expect(response.headers.get("content-type")).toBe(expected.mediaType);
      expect(JSON.parse(Buffer.from(bytes).toString()).mediaType).toBe(expected.mediaType);
      expect(Number(response.headers.get("content-length"))).toBe(bytes.byteLength);
      expect(response.headers.get("etag")).toBe(`"${expected.digest}"`);
    }
  });

  it("answers HEAD with the GET's headers and no body", async () => {
    const s = await start();
    const init = { headers: { accept: ACCEPT, authorization: `Bearer ${await tokenFor(s)}` } };
    const get = await fetch(`${s.url}/v2/${NAME}/manifests/v1`, init);
    const head = await fetch(`${s.url}/v2/${NAME}/manifests/v1`, { ...init, method: "HEAD" });
    expect(head.status).toBe(200);
    for (const header of ["content-type", "content-length", "docker-content-digest"])
      expect(head.headers.get(header)).toBe(get.headers.get(header));
    expect((await head.arrayBuffer()).byteLength).toBe(0);
  });

  it("answers 404 MANIFEST_UNKNOWN for an unknown tag, digest and repository; HEAD without a body", async () => {
    const s = await start();
    const init = { headers: { accept: ACCEPT, authorization: `Bearer ${await tokenFor(s)}` } };
    const unknown = `sha256:${"0".repeat(64)}`;
    expect(await specError(await fetch(`${s.url}/v2/${NAME}/manifests/v9`, init))).toEqual({
      code: "MANIFEST_UNKNOWN",
      message: "manifest unknown",
      detail: { Tag: "v9" },
    });
    expect(await specError(await fetch(`${s.url}/v2/${NAME}/manifests/${unknown}`, init))).toEqual({
      code: "MANIFEST_UNKNOWN",
      message: "manifest unknown",
      detail: { Name: NAME, Revision: unknown },
    });
    const head = await fetch(`${s.url}/v2/${NAME}/manifests/${unknown}`, { ...init, method: "HEAD" });
    expect(head.status).toBe(404);
    expect((await head.arrayBuffer()).byteLength).toBe(0);
  });

  it("answers 404 MANIFEST_UNKNOWN when the Accept header leaves the manifest's type out", async () => {
    const s = await start({ requireAuth: false });
    for (const accept of [undefined, "application/json", "application/vnd.oci.image.manifest.v1+json"]) {
      const response = await fetch(`${s.url}/v2/${NAME}/manifests/v1`, accept ? { headers: { accept } } : {});
      expect(await specError(response)).toEqual({
        code: "MANIFEST_UNKNOWN",
        message: "OCI index found, but accept header does not support OCI indexes",
      });
    }
    const qualified = await fetch(`${s.url}/v2/${NAME}/manifests/v1`, {
      headers: { accept: "application/vnd.oci.image.index.v1+json;q=0.9" },
    });
    expect(qualified.status).toBe(200);
  });

  it("answers a path its router doesn't take with a plain-text 404", async () => {
    const s = await start({ requireAuth: false });
    for (const path of ["/v2/Acme/App/manifests/v1", "/v2/acme/app/manifests/sha256:abc", "/v2/acme/app/tags/list"]) {
      const response = await fetch(`${s.url}${path}`);
      expect([response.status, response.headers.get("content-type"), await response.text()]).toEqual([
        404,
        "text/plain; charset=utf-8",
        "404 page not found\n",
      ]);
    }
  });

  it("answers injected faults in the spec's shape, 429 with Retry-After", async () => {
    const s = await start({ requireAuth: false });
    s.failNext("manifests", { status: 429 });
    const limited = await fetch(`${s.url}/v2/${NAME}/manifests/v1`, { headers: { accept: ACCEPT } });
    expect([limited.status, limited.headers.get("retry-after")]).toEqual([429, "7"]);
    expect((await specError(limited)).code).toBe("TOOMANYREQUESTS");
  });
});
