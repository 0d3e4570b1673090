/** The registry client's answers when the registry refuses, fails or hangs; and that no token leaks into them. */
import { afterEach, describe, expect, it } from "vitest";
import { createRegistryClient } from "../../src/registry/createRegistryClient.js";
import { describeRegistryRefusal } from "../../src/registry/describeRegistryRefusal.js";
import type { RegistryClientOptions } from "../../src/registry/registryClient.js";
import { buildImageIndex } from "../../local/simulators/registry/buildImageIndex.js";
import {
  startRegistrySimulator,
  type RegistrySimulator,
  type RegistrySimulatorOptions,
} from "../../local/simulators/registry/startRegistrySimulator.js";

const NAME = "acme/team/app";
const PAT = "ghp_SECRETpatValue0123456789";
const INSTALLATION = "ghs_SECRETinstallationValue0123";
const image = buildImageIndex();
let sim: RegistrySimulator | undefined;

afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function setUp(options: RegistrySimulatorOptions = {}, client: Partial<RegistryClientOptions> = {}) {
  sim = await startRegistrySimulator({
    knownCredential: (token) => token === PAT || token === INSTALLATION,
    ...options,
  });
  sim.pushImage(NAME, image, ["v1"]);
  const registry = createRegistryClient({
    registryUrl: sim.url,
    credential: { username: "robin", token: PAT },
    retryBaseMs: 1,
    timeoutMs: 1000,
    ...client,
  });
  return { sim, client: registry };
}

const manifestCalls = (s: RegistrySimulator) => s.calls.filter((call) => call.route === "manifests");

describe("refusals", () => {
  it("answers refused 401 when the token service doesn't know the credential, with the operator's next step", async () => {
    const { client } = await setUp({}, { credential: { username: "robin", token: "ghp_revoked" } });
    const answer = await client.readManifest(NAME, "v1");
    expect(answer).toMatchObject({ kind: "refused", status: 401, code: "UNAUTHORIZED" });
    expect(answer.kind === "refused" && describeRegistryRefusal(answer, "token")).toMatch(
      /did not accept the classic PAT in `GITHUB_TOKEN`/,
    );
  });

  it("answers refused 403 DENIED when ghcr.io refuses App installation tokens, and says how to configure GITHUB_TOKEN", async () => {
    const { sim, client } = await setUp({ refuseInstallationTokens: true }, { credential: () => INSTALLATION });
    const answer = await client.readManifest(NAME, "v1");
    expect(answer).toEqual({
      kind: "refused",
      status: 403,
      code: "DENIED",
      reason: `The registry at ${sim.url} answered 403 (DENIED: requested access to the resource is denied).`,
    });
    const advice = answer.kind === "refused" ? describeRegistryRefusal(answer, "app") : "";
    expect(advice).toMatch(/installation token/);
    expect(advice).toMatch(/`GITHUB_TOKEN` to a classic PAT with `read:packages`.*`GITHUB_AUTH=token`/);
    expect(await client.manifestExists(NAME, image.index.digest)).toMatchObject({ kind: "refused", status: 403 });
  });

  it("answers refused 403 for a PAT that may not pull, with the scope it needs", async () => {
    const { client } = await setUp({ mayPull: () => false });
    const answer = await client.readManifest(NAME, "v1");
    expect(answer.kind === "refused" && describeRegistryRefusal(answer, "token")).toMatch(/needs `read:packages`/);
  });

  it("never retries a 4xx, and answers 429 as unavailable with the registry's Retry-After", async () => {
    const { sim, client } = await setUp();
    sim.failNext("manifests", { status: 403 });
    expect(await client.readManifest(NAME, "v1")).toMatchObject({ kind: "refused", status: 403 });
    sim.failNext("manifests", { status: 429 });
    expect(await client.readManifest(NAME, "v1")).toEqual({
      kind: "unavailable",
      reason: `The registry at ${sim.url} is rate limiting these requests (429); try again in 7 s.`,
    });
    expect(manifestCalls(sim)).toHaveLength(2);
  });

  it("sends the credential nowhere but the registry's host: a realm elsewhere is refused without contacting it", async () => {
    const { sim } = await setUp();
    const client = createRegistryClient({
      registryUrl: sim.url.replace("127.0.0.1", "localhost"),
      credential: { username: "robin", token: PAT },
      retryBaseMs: 1,
    });
    const answer = await client.readManifest(NAME, "v1");
    expect(answer).toMatchObject({ kind: "refused", status: 401 });
    expect(answer.kind === "refused" && answer.reason).toMatch(
      /asked for the credential to be sent to http:\/\/127\.0\.0\.1:\d+, which is not the registry's host/,
    );
    expect(sim.calls.map((call) => call.route)).toEqual(["manifests"]);
  });

  it("answers unavailable when the credential function fails, blanking token-shaped text in its message", async () => {
    const { client } = await setUp(
      {},
      { credential: () => Promise.reject(new Error(`installation lookup failed for ${INSTALLATION}`)) },
    );
    const answer = await client.readManifest(NAME, "v1");
    expect(answer).toEqual({
      kind: "unavailable",
      reason: "The GitHub token for the registry could not be obtained: Error: installation lookup failed for [token]",
    });
  });
});

describe("outages", () => {
  it("retries 5xx and dropped connections on reads and the token exchange, then reads", async () => {
    const { sim, client } = await setUp({}, { retries: 2 });
    sim.failNext("manifests", { status: 503 });
    sim.failNext("manifests", { status: 502 });
    sim.failNext("token", { drop: true });
    expect(await client.readManifest(NAME, "v1")).toMatchObject({ kind: "index" });
    expect(sim.calls.map((call) => `${call.route} ${call.status}`)).toEqual([
      "manifests 503",
      "manifests 502",
      "manifests 401",
      "token 0",
      "token 200",
      "manifests 200",
    ]);
  });

  it("answers unavailable after the last try, saying how often it tried", async () => {
    const { sim, client } = await setUp({}, { retries: 2 });
    sim.failNext("manifests", { status: 503 }, 3);
    expect(await client.manifestExists(NAME, image.index.digest)).toEqual({
      kind: "unavailable",
      reason: `The registry at ${sim.url} answered HTTP 503 (3 tries); try again later, or check its status page.`,
    });
    expect(manifestCalls(sim)).toHaveLength(3);
  });

  it("gives up on an attempt after timeoutMs and retries it", async () => {
    const { sim, client } = await setUp({}, { retries: 1, timeoutMs: 150 });
    sim.failNext("manifests", { delayMs: 400 }, 2);
    expect(await client.readManifest(NAME, "v1")).toEqual({
      kind: "unavailable",
      reason: `The registry at ${sim.url} did not answer within 150 ms (2 tries); try again later, or check its status page.`,
    });
    // The simulator records a delayed call when it answers, after the client gave up on it.
    await expect.poll(() => manifestCalls(sim).length).toBe(2);
  });

  it("answers unavailable when the caller's signal aborts, without waiting out the retries", async () => {
    const { sim, client } = await setUp({}, { retries: 3, retryBaseMs: 5_000 });
    sim.failNext("manifests", { status: 503 }, 4);
    const answer = await client.readManifest(NAME, "v1", { signal: AbortSignal.timeout(100) });
    expect(answer).toEqual({ kind: "unavailable", reason: `The time allowed for the registry at ${sim.url} ran out.` });
    expect(manifestCalls(sim)).toHaveLength(1);
  });

  it("answers unavailable when nothing listens", async () => {
    const { sim } = await setUp();
    await sim.close();
    const client = createRegistryClient({
      registryUrl: sim.url,
      credential: { username: "robin", token: PAT },
      retries: 1,
      retryBaseMs: 1,
    });
    expect(await client.readManifest(NAME, "v1")).toEqual({
      kind: "unavailable",
      reason: `The registry at ${sim.url} could not be reached (ECONNREFUSED) (2 tries); try again later, or check its status page.`,
    });
  });
});

describe("secrets", () => {
  it("puts no credential or registry token in any answer or recorded call", async () => {
    const answers: unknown[] = [];
    for (const [options, credential] of [
      [{}, { username: "robin", token: PAT }],
      [{ refuseInstallationTokens: true }, () => INSTALLATION],
      [{ knownCredential: () => false }, { username: "robin", token: PAT }],
    ] as const) {
      const { sim, client } = await setUp(options, { credential });
      answers.push(
        await client.readManifest(NAME, "v1"),
        await client.manifestExists(NAME, image.index.digest),
        sim.calls,
      );
      await sim.close();
    }
    const text = JSON.stringify(answers);
    expect(text).not.toContain("SECRET");
    expect(text).not.toContain("sim-registry-");
    expect(text).not.toContain(Buffer.from(`robin:${PAT}`).toString("base64"));
  });
});
