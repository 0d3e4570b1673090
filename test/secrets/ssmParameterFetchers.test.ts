// How both functions read their secrets, against a local SSM stand-in that checks SigV4: our own signed
// GetParameter (createSignedPost). The worker used Powertools Parameters until its SDK client was measured
// on the card's cold start (docs/speed.md).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resolveSecrets, WORKER_SECRETS } from "../../src/config/resolveSecrets.js";
import { ConfigError } from "../../src/errors.js";
import { createPowertoolsParameterFetcher } from "../../src/secrets/createPowertoolsParameterFetcher.js";
import { createSsmParameterFetcher, loadSsmFetcherConfig } from "../../src/secrets/createSsmParameterFetcher.js";
import { startSsmSimulator, type SsmSimulator } from "../../local/simulators/ssm/startSsmSimulator.js";

const credentials = {
  accessKeyId: "AKIDSSMTEST",
  secretAccessKey: "ssm-test-secret-key",
  sessionToken: "ssm-test-session",
};
const REGION = "eu-west-1";
const PARAMETERS = {
  "/package-restore/test/slack-signing-secret": "SIGNING-SECRET-FROM-SSM-81",
  "/package-restore/test/slack-bot-token": "xoxb-FROM-SSM-82",
  "/package-restore/test/github-token": "ghp_FROMSSM83",
  "/package-restore/test/other-stage": "NOT-READABLE-84",
};
let ssm: SsmSimulator;

beforeAll(async () => {
  ssm = await startSsmSimulator({
    credentials,
    region: REGION,
    parameters: PARAMETERS,
    readable: [
      ...Object.keys(PARAMETERS).filter((name) => !name.endsWith("other-stage")),
      "/package-restore/test/missing",
      "/package-restore/test/nope",
    ],
  });
});
afterAll(() => ssm.close());

const lambdaEnv = () => ({
  AWS_REGION: REGION,
  AWS_ACCESS_KEY_ID: credentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
  AWS_SESSION_TOKEN: credentials.sessionToken,
  SSM_ENDPOINT: ssm.url,
});

describe("the HTTP function's SSM fetcher (node:https, own SigV4)", () => {
  it("reads a SecureString decrypted, with a signature the stand-in recomputes", async () => {
    const fetch = createSsmParameterFetcher(loadSsmFetcherConfig(lambdaEnv()));
    const before = ssm.calls.length;
    expect(await fetch("/package-restore/test/slack-signing-secret")).toBe("SIGNING-SECRET-FROM-SSM-81");
    const call = ssm.calls[before]!;
    expect(call).toMatchObject({
      target: "AmazonSSM.GetParameter",
      name: "/package-restore/test/slack-signing-secret",
      withDecryption: true,
      signatureValid: true,
      status: 200,
    });
    expect(call.signedHeaders).toEqual(
      expect.arrayContaining(["content-type", "host", "x-amz-date", "x-amz-security-token", "x-amz-target"]),
    );
  });

  it("defaults to the regional endpoint", () => {
    const { SSM_ENDPOINT: _unused, ...env } = lambdaEnv();
    expect(loadSsmFetcherConfig(env).endpoint).toBe("https://ssm.eu-west-1.amazonaws.com");
  });

  it.each([
    ["cn-northwest-1", "https://ssm.cn-northwest-1.amazonaws.com.cn"],
    ["us-gov-east-1", "https://ssm.us-gov-east-1.amazonaws.com"],
    ["us-iso-west-1", "https://ssm.us-iso-west-1.c2s.ic.gov"],
    ["eusc-de-east-1", "https://ssm.eusc-de-east-1.amazonaws.eu"],
  ])("defaults to the endpoint of the region's partition: %s → %s", (region, endpoint) => {
    const { SSM_ENDPOINT: _unused, ...env } = lambdaEnv();
    expect(loadSsmFetcherConfig({ ...env, AWS_REGION: region }).endpoint).toBe(endpoint);
  });

  it("refuses a region it can't place, naming AWS_REGION", () => {
    expect(() => loadSsmFetcherConfig({ ...lambdaEnv(), AWS_REGION: "xx-nowhere-1" })).toThrow(
      /Configuration error in AWS_REGION/,
    );
  });

  it("is refused with wrong credentials, and says so by SSM's error code only", async () => {
    const fetch = createSsmParameterFetcher({
      ...loadSsmFetcherConfig(lambdaEnv()),
      credentials: { ...credentials, secretAccessKey: "wrong" },
    });
    await expect(fetch("/package-restore/test/slack-signing-secret")).rejects.toThrow(
      "SSM answered 400 InvalidSignatureException",
    );
  });

  it("does not retry a missing or forbidden parameter, and names neither value nor body", async () => {
    const fetch = createSsmParameterFetcher(loadSsmFetcherConfig(lambdaEnv()));
    const before = ssm.calls.length;
    await expect(fetch("/package-restore/test/missing")).rejects.toThrow(/^SSM answered 400 ParameterNotFound$/);
    const denied = await fetch("/package-restore/test/other-stage").catch((error: Error) => error.message);
    expect(denied).toBe("SSM answered 400 AccessDeniedException");
    expect(ssm.calls.length - before).toBe(2);
  });

  it("retries throttling and 5xx, then succeeds", async () => {
    const fetch = createSsmParameterFetcher(loadSsmFetcherConfig(lambdaEnv()));
    ssm.failNext(400, "ThrottlingException");
    ssm.failNext(500, "InternalServerError");
    const before = ssm.calls.length;
    expect(await fetch("/package-restore/test/slack-signing-secret")).toBe("SIGNING-SECRET-FROM-SSM-81");
    expect(ssm.calls.slice(before).map((call) => call.status)).toEqual([400, 500, 200]);
  });

  it("gives up after three tries", async () => {
    const fetch = createSsmParameterFetcher(loadSsmFetcherConfig(lambdaEnv()));
    ssm.failNext(503, "ServiceUnavailable", 3);
    await expect(fetch("/package-restore/test/slack-signing-secret")).rejects.toThrow(
      "SSM answered 503 ServiceUnavailable",
    );
  });

  it("tries three times in all, 100 ms and then 200 ms apart", async () => {
    const fetch = createSsmParameterFetcher(loadSsmFetcherConfig(lambdaEnv()));
    ssm.failNext(500, "InternalServerError", 3);
    const before = ssm.calls.length;
    const started = Date.now();
    await expect(fetch("/package-restore/test/slack-signing-secret")).rejects.toThrow(
      /^SSM answered 500 InternalServerError$/,
    );
    // Node's timers may fire a millisecond early by Date.now.
    expect(Date.now() - started).toBeGreaterThanOrEqual(295);
    expect(ssm.calls.length - before).toBe(3);
  });

  it("reports an unreachable endpoint without hanging", async () => {
    const fetch = createSsmParameterFetcher({ ...loadSsmFetcherConfig(lambdaEnv()), endpoint: "http://127.0.0.1:1" });
    await expect(fetch("/package-restore/test/slack-signing-secret")).rejects.toThrow(/SSM could not be reached/);
  });
});

describe("npm run doctor's Powertools Parameters fetcher (SSMProvider with an SDK v3 client, the deployer's credentials)", () => {
  beforeAll(() => {
    for (const [name, value] of Object.entries(lambdaEnv())) vi.stubEnv(name, value);
  });
  afterAll(() => vi.unstubAllEnvs());

  it("reads SecureStrings decrypted through the stand-in, signed by the SDK", async () => {
    const fetch = createPowertoolsParameterFetcher(lambdaEnv());
    const before = ssm.calls.length;
    expect(await fetch("/package-restore/test/slack-bot-token")).toBe("xoxb-FROM-SSM-82");
    expect(ssm.calls[before]).toMatchObject({
      target: "AmazonSSM.GetParameter",
      withDecryption: true,
      signatureValid: true,
      status: 200,
    });
  });

  it("caches across calls", async () => {
    const fetch = createPowertoolsParameterFetcher(lambdaEnv());
    const before = ssm.calls.length;
    await fetch("/package-restore/test/github-token");
    await fetch("/package-restore/test/github-token");
    expect(ssm.calls.length - before).toBe(1);
  });
});

describe("the worker's secrets, read with the same fetcher", () => {
  it("feeds resolveSecrets, whose errors name the variable and parameter and carry only SSM's error code", async () => {
    const fetch = createSsmParameterFetcher(loadSsmFetcherConfig(lambdaEnv()));
    const env = {
      SLACK_BOT_TOKEN_PARAM: "/package-restore/test/slack-bot-token",
      GITHUB_TOKEN_PARAM: "/package-restore/test/github-token",
    };
    expect(await resolveSecrets(env, fetch, WORKER_SECRETS)).toMatchObject({
      SLACK_BOT_TOKEN: "xoxb-FROM-SSM-82",
      GITHUB_TOKEN: "ghp_FROMSSM83",
    });
    const missing = await resolveSecrets(
      { GITHUB_TOKEN_PARAM: "/package-restore/test/nope" },
      fetch,
      WORKER_SECRETS,
    ).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(ConfigError);
    expect((missing as ConfigError).message).toMatch(
      /GITHUB_TOKEN_PARAM.*\/package-restore\/test\/nope \(SSM answered 400 ParameterNotFound\)/,
    );
    const denied = await resolveSecrets(
      { GITHUB_TOKEN_PARAM: "/package-restore/test/other-stage" },
      fetch,
      WORKER_SECRETS,
    ).catch((error: Error) => error.message);
    expect(denied).toContain("(SSM answered 400 AccessDeniedException)");
    expect(denied).not.toContain("NOT-READABLE-84");
  });
});
