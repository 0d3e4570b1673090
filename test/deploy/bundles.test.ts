// The bundles osls deploys, loaded by plain `node` as Lambda loads them, configured as
// serverless.yml configures them: secrets named by *_PARAM variables and read at start-up (top-level
// await) from a local SSM stand-in that checks signatures. The HTTP bundle then answers a signed
// slash command and hands it to a Lambda stand-in, without Bolt, the AWS SDK or fetch anywhere in it.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLambdaSimulator, type LambdaSimulator } from "../../local/simulators/lambda/startLambdaSimulator.js";
import { startSsmSimulator, type SsmSimulator } from "../../local/simulators/ssm/startSsmSimulator.js";
import { signedApiGatewayEvent } from "../../local/simulators/aws/apiGatewayEvent.js";
import { commandBody } from "../../local/simulators/slack/slackRequests.js";
import { readDeployedSettings } from "../../local/bench/deployedSettings.js";
import { startLocalDynamo } from "../../local/simulators/dynamo/startLocalDynamo.js";
import { startGitHubSimulator } from "../../local/simulators/github/startGitHubSimulator.js";
import { startSlackSimulator } from "../../local/simulators/slack/startSlackSimulator.js";
import { buildInto, REPO_ROOT } from "./packageService.js";

const credentials = {
  accessKeyId: "AKIDBUNDLETEST",
  secretAccessKey: "bundle-test-secret-key",
  sessionToken: "bundle-test-session",
};
const REGION = "eu-west-1";
const SIGNING_SECRET = "SIGNING-SECRET-BUNDLE-61";
const PARAMETERS = {
  "/package-restore/ci/slack-signing-secret": SIGNING_SECRET,
  "/package-restore/ci/slack-bot-token": "xoxb-BUNDLE-62",
  "/package-restore/ci/github-token": "ghp_BUNDLE63",
};

/**
 * Imports the bundle, calls its handler with each event in BUNDLE_EVENTS, prints the results as one JSON line, with
 * Node's own modules loaded by then (fetch loads undici only when called, which this list would show).
 */
const DRIVER = `
const mod = await import(process.argv[2]);
const results = [];
for (const event of JSON.parse(process.env.BUNDLE_EVENTS ?? "[]")) results.push(await mod.handler(event, {}));
const builtins = process.moduleLoadList.filter((entry) => entry.startsWith("NativeModule ")).map((entry) => entry.slice(13));
process.stdout.write("RESULT " + JSON.stringify({ handler: typeof mod.handler, results, builtins }) + "\\n");
process.exit(0);
`;

let dir: string;
let ssm: SsmSimulator;
let lambda: LambdaSimulator;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "package-restore-bundles-"));
  await Promise.all([buildInto(dir), writeFile(join(dir, "driver.mjs"), DRIVER)]);
  ssm = await startSsmSimulator({
    credentials,
    region: REGION,
    parameters: PARAMETERS,
    readable: [...Object.keys(PARAMETERS), "/package-restore/ci/missing"],
  });
  lambda = await startLambdaSimulator({
    credentials,
    region: REGION,
    functions: { "package-restore-ci-worker": async () => {} },
  });
}, 60_000);
afterAll(async () => {
  await lambda.idle();
  await Promise.all([ssm.close(), lambda.close()]);
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  result?: { handler: string; results: Array<{ statusCode?: number; body?: string }>; builtins: string[] };
}

function runBundle(name: "http" | "worker", env: Record<string, string>, events: unknown[] = []): Promise<Run> {
  const lambdaEnv = {
    PATH: process.env.PATH ?? "",
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_SESSION_TOKEN: credentials.sessionToken,
    SSM_ENDPOINT: ssm.url,
    BUNDLE_EVENTS: JSON.stringify(events),
    // The SDK warns about Node 20 on stderr; Lambda runs Node 24.
    NODE_NO_WARNINGS: "1",
  };
  const bundle = pathToFileURL(join(dir, "dist", name, "index.mjs")).href;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(dir, "driver.mjs"), bundle],
      { env: { ...lambdaEnv, ...env }, timeout: 30_000 },
      (error, stdout, stderr) => {
        const line = stdout.split("\n").find((l) => l.startsWith("RESULT "));
        resolve({
          code: error ? ((error as { code?: number }).code ?? 1) : 0,
          stdout,
          stderr,
          ...(line ? { result: JSON.parse(line.slice(7)) as Run["result"] } : {}),
        });
      },
    );
  });
}

const signedCommand = (text: string) => signedApiGatewayEvent(SIGNING_SECRET, commandBody({ text }));

describe("the HTTP bundle", () => {
  it("reads the signing secret from SSM once at start-up, then verifies and hands off every request", async () => {
    const before = ssm.calls.length;
    const run = await runBundle(
      "http",
      {
        SLACK_SIGNING_SECRET_PARAM: "/package-restore/ci/slack-signing-secret",
        WORKER_FUNCTION_NAME: "package-restore-ci-worker",
        LAMBDA_ENDPOINT: lambda.url,
      },
      [signedCommand("acme container team/app first"), signedCommand("acme npm left-pad second")],
    );
    expect(
      run.result?.results.map((result) => result.statusCode),
      run.stderr,
    ).toEqual([200, 200]);
    const calls = ssm.calls.slice(before);
    expect(calls).toEqual([
      expect.objectContaining({
        name: "/package-restore/ci/slack-signing-secret",
        withDecryption: true,
        signatureValid: true,
        status: 200,
      }),
    ]);
    await lambda.idle();
    expect(lambda.invocations.slice(-2).map((invocation) => [invocation.status, invocation.signatureValid])).toEqual([
      [202, true],
      [202, true],
    ]);
    // Having handed off, it has still not loaded fetch's undici (about 35 ms of cold start, docs/speed.md).
    expect(run.result?.builtins).toContain("http");
    expect(run.result?.builtins.filter((name) => /undici/.test(name))).toEqual([]);
  });

  it("contains neither Bolt nor the AWS SDK nor a fetch polyfill, by its source map's list of inputs", async () => {
    const { sources } = JSON.parse(await readFile(join(dir, "dist", "http", "index.mjs.map"), "utf8")) as {
      sources: string[];
    };
    expect(sources.filter((source) => source.endsWith("/functions/http.ts"))).toHaveLength(1);
    expect(
      sources.filter((source) =>
        /node_modules\/(@slack|@aws-sdk|@smithy|@aws-lambda-powertools|undici|aws4fetch|node-fetch)\//.test(source),
      ),
    ).toEqual([]);
  });

  it("does not start when its parameter is missing, and says which one without any value", async () => {
    const run = await runBundle("http", {
      SLACK_SIGNING_SECRET_PARAM: "/package-restore/ci/missing",
      WORKER_FUNCTION_NAME: "w",
    });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(
      "Configuration error in SLACK_SIGNING_SECRET_PARAM: could not read the SSM parameter /package-restore/ci/missing (SSM answered 400 ParameterNotFound)",
    );
    expect(run.stderr).not.toContain(SIGNING_SECRET);
  });
});

describe("stack traces as deployed", () => {
  it("name the error's class and the TypeScript files under serverless.yml's NODE_OPTIONS", async () => {
    const { NODE_OPTIONS } = readDeployedSettings(REPO_ROOT).environment("http");
    const run = await runBundle("http", {
      ...(NODE_OPTIONS ? { NODE_OPTIONS } : {}),
      SLACK_SIGNING_SECRET_PARAM: "/package-restore/ci/missing",
      WORKER_FUNCTION_NAME: "w",
    });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("ConfigError: Configuration error in SLACK_SIGNING_SECRET_PARAM");
    expect(run.stderr).toMatch(/at .*src\/config\/resolveSecrets\.ts:\d+:\d+/);
    expect(run.stderr).toMatch(/at .*functions\/http\.ts:\d+:\d+/);
  });

  it.each(["http", "worker"])("%s ships a map of positions without the sources' text", async (name) => {
    const map = JSON.parse(await readFile(join(dir, "dist", name, "index.mjs.map"), "utf8")) as {
      sourcesContent?: unknown;
      mappings: string;
    };
    expect(map.mappings.length).toBeGreaterThan(0);
    expect(map.sourcesContent).toBeUndefined();
  });
});

describe("the worker bundle", () => {
  const settings = {
    GITHUB_AUTH: "token",
    RESTORE_APPROVERS: "U0APPROVER1",
    TABLE_NAME: "package-restore-ci-RequestsTable-X",
  };

  it("loads with its secrets read from SSM at start-up, one call per parameter", async () => {
    const before = ssm.calls.length;
    const run = await runBundle("worker", {
      ...settings,
      SLACK_BOT_TOKEN_PARAM: "/package-restore/ci/slack-bot-token",
      GITHUB_TOKEN_PARAM: "/package-restore/ci/github-token",
      GITHUB_APP_PRIVATE_KEY_PARAM: "",
    });
    expect(run.result?.handler, run.stderr).toBe("function");
    const calls = ssm.calls.slice(before);
    expect(calls.map((call) => call.name).sort()).toEqual([
      "/package-restore/ci/github-token",
      "/package-restore/ci/slack-bot-token",
    ]);
    expect(calls.every((call) => call.signatureValid && call.withDecryption === true && call.status === 200)).toBe(
      true,
    );
  });

  it("does not start when a parameter is missing, naming variable and parameter only", async () => {
    const run = await runBundle("worker", {
      ...settings,
      SLACK_BOT_TOKEN_PARAM: "/package-restore/ci/slack-bot-token",
      GITHUB_TOKEN_PARAM: "/package-restore/ci/missing",
    });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(
      "Configuration error in GITHUB_TOKEN_PARAM: could not read the SSM parameter /package-restore/ci/missing (SSM answered 400 ParameterNotFound)",
    );
    expect(run.stderr).not.toMatch(/xoxb-BUNDLE|ghp_BUNDLE/);
  });

  it("takes a job from the HTTP bundle and posts its card, without Bolt's unused receivers in it", async () => {
    const [slack, github, dynamo] = await Promise.all([
      startSlackSimulator({ botToken: "xoxb-BUNDLE-62" }),
      startGitHubSimulator({ pats: { ghp_BUNDLE63: ["read:packages", "write:packages"] } }),
      startLocalDynamo(),
    ]);
    try {
      github.addOrg("acme");
      github.addPackage("acme", { type: "npm", name: "bundled-pad", deletedAt: new Date(Date.now() - 86_400_000) });
      const invocations = lambda.invocations.length;
      const http = await runBundle(
        "http",
        {
          SLACK_SIGNING_SECRET_PARAM: "/package-restore/ci/slack-signing-secret",
          WORKER_FUNCTION_NAME: "package-restore-ci-worker",
          LAMBDA_ENDPOINT: lambda.url,
        },
        [signedCommand("acme npm bundled-pad removed by mistake")],
      );
      expect(http.result?.results[0]?.statusCode, http.stderr).toBe(200);
      const job = lambda.invocations[invocations]?.payload;
      const run = await runBundle(
        "worker",
        {
          ...settings,
          SLACK_BOT_TOKEN_PARAM: "/package-restore/ci/slack-bot-token",
          GITHUB_TOKEN_PARAM: "/package-restore/ci/github-token",
          SLACK_API_URL: slack.apiUrl,
          GITHUB_API_URL: github.url,
          TABLE_NAME: dynamo.tableName,
          DYNAMODB_ENDPOINT: dynamo.endpoint,
        },
        [job],
      );
      expect(run.code, run.stderr).toBe(0);
      const card = slack
        .messages("C0RESTORE")
        .find((message) => JSON.stringify(message.blocks).includes("bundled-pad"));
      expect(JSON.stringify(card?.blocks)).toContain("restore_approve");
    } finally {
      await Promise.all([slack.close(), github.close(), dynamo.close()]);
    }
    const { sources } = JSON.parse(await readFile(join(dir, "dist", "worker", "index.mjs.map"), "utf8")) as {
      sources: string[];
    };
    expect(sources.filter((source) => /node_modules\/@slack\/bolt\/src\/App\.ts$/.test(source))).toHaveLength(1);
    // The AWS SDK's ES modules, which the bundler trims to what is used, not its CommonJS build.
    expect(sources.filter((source) => /node_modules\/@aws-sdk\/client-dynamodb\/dist-es\//.test(source))).not.toEqual(
      [],
    );
    expect(sources.filter((source) => /node_modules\/@(aws-sdk|smithy)\/[^/]+\/dist-cjs\//.test(source))).toEqual([]);
    expect(
      sources.filter((source) =>
        /node_modules\/(express|@slack\/socket-mode|@slack\/oauth|undici|raw-body|iconv-lite)\/|@slack\/bolt\/src\/receivers\/(Express|HTTP|SocketMode)Receiver\.ts$/.test(
          source,
        ),
      ),
    ).toEqual([]);
  });
});
