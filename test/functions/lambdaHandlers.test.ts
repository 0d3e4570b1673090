// The two Lambda entry points as Lambda runs them: configuration from the environment, an
// HTTP API (v2) event in, the hand-off as a SigV4-signed asynchronous Invoke to a local
// stand-in of the Lambda API, and the worker function run from that invocation.
import { generateKeyPairSync } from "node:crypto";
import type { APIGatewayProxyEventV2, Context } from "aws-lambda";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  seedExampleOrg,
  startGitHubSimulator,
  type GitHubSimulator,
} from "../../local/simulators/github/startGitHubSimulator.js";
import { startLambdaSimulator, type LambdaSimulator } from "../../local/simulators/lambda/startLambdaSimulator.js";
import { startSlackSimulator, type SlackSimulator } from "../../local/simulators/slack/startSlackSimulator.js";
import { startLocalDynamo, type LocalDynamo } from "../../local/simulators/dynamo/startLocalDynamo.js";
import { apiGatewayEvent, signedApiGatewayEvent } from "../../local/simulators/aws/apiGatewayEvent.js";
import { clickPayload, commandBody, signedHeaders } from "../../local/simulators/slack/slackRequests.js";
import { captureLogLines } from "../support/captureLogLines.js";

const SIGNING_SECRET = "functions-test-signing-secret";
const credentials = {
  accessKeyId: "AKIDFUNCTIONSTEST",
  secretAccessKey: "functions-test-secret-key",
  sessionToken: "functions-test-session",
};
let slack: SlackSimulator;
let github: GitHubSimulator;
let lambda: LambdaSimulator;
let dynamo: LocalDynamo;
let httpHandler: (
  event: APIGatewayProxyEventV2,
  context?: { awsRequestId: string },
) => Promise<{ statusCode?: number; body?: string }>;
let workerHandler: (event: unknown, context: Context) => Promise<void>;
let workerInvocations = 0;

/** The context Lambda passes the worker, with a request ID of its own for each invocation. */
function workerContext(): Context {
  workerInvocations += 1;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: "package-restore-prod-worker",
    functionVersion: "$LATEST",
    invokedFunctionArn: "arn:aws:lambda:eu-west-1:111122223333:function:package-restore-prod-worker",
    memoryLimitInMB: "512",
    awsRequestId: `worker-invocation-${workerInvocations}`,
    logGroupName: "/aws/lambda/package-restore-prod-worker",
    logStreamName: "2026/12/07/[$LATEST]0123456789abcdef",
    getRemainingTimeInMillis: () => 120_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

beforeAll(async () => {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  slack = await startSlackSimulator({ botToken: "xoxb-functions-test" });
  github = await startGitHubSimulator({ appId: 77, appPublicKey: publicKey });
  seedExampleOrg(github);
  dynamo = await startLocalDynamo("package-restore-functions-test");
  lambda = await startLambdaSimulator({
    credentials,
    region: "eu-west-1",
    functions: { "package-restore-prod-worker": (event) => workerHandler(event, workerContext()) },
  });
  Object.assign(process.env, {
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    WORKER_FUNCTION_NAME: "package-restore-prod-worker",
    AWS_REGION: "eu-west-1",
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_SESSION_TOKEN: credentials.sessionToken,
    LAMBDA_ENDPOINT: lambda.url,
    SLACK_BOT_TOKEN: "xoxb-functions-test",
    SLACK_API_URL: slack.apiUrl,
    GITHUB_APP_ID: "77",
    // Escaped newlines, as a key pasted into an environment variable often arrives.
    GITHUB_APP_PRIVATE_KEY: privateKey.export({ type: "pkcs8", format: "pem" }).toString().replace(/\n/g, "\\n"),
    GITHUB_API_URL: github.url,
    TABLE_NAME: dynamo.tableName,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    RESTORE_APPROVERS: "U0APPROVER1",
    METRICS_NAMESPACE: "package-restore/prod",
  });
  ({ handler: httpHandler } = await import("../../functions/http.js"));
  ({ handler: workerHandler } = (await import("../../functions/worker.js")) as {
    handler: (event: unknown, context: Context) => Promise<void>;
  });
});
afterAll(async () => {
  await lambda.idle();
  await Promise.all([slack.close(), github.close(), lambda.close(), dynamo.close()]);
});
beforeEach(() => {
  lambda.invocations.length = 0;
  slack.reset();
  github.reset();
});

const signed = (form: Record<string, string>) => signedApiGatewayEvent(SIGNING_SECRET, form);

function signedEvent(text: string): APIGatewayProxyEventV2 {
  return signed(commandBody({ text, responseUrl: slack.newResponseUrl() }));
}

describe("functions/http.ts and functions/worker.ts", () => {
  it("acknowledge, hand off with a signed asynchronous invoke, post a card, and restore once approved", async () => {
    const result = await httpHandler(signedEvent("acme container team/app"));
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body ?? "{}")).toMatchObject({ response_type: "ephemeral" });
    expect(lambda.invocations).toHaveLength(1);
    expect(lambda.invocations[0]).toMatchObject({
      functionName: "package-restore-prod-worker",
      invocationType: "Event",
      signatureValid: true,
      status: 202,
    });
    await lambda.idle();
    const [pending] = slack.messages("C0RESTORE");
    expect(JSON.stringify(pending?.blocks)).toContain("restore_approve");
    expect(github.restoreCalls()).toHaveLength(0);

    const click = await httpHandler(
      signed(
        clickPayload({ action: "approve", card: pending!, userId: "U0APPROVER1", responseUrl: slack.newResponseUrl() }),
      ),
    );
    expect(click).toMatchObject({ statusCode: 200, body: "" });
    await lambda.idle();

    expect(
      github.calls
        .filter((call) => call.operationId === "packages/restore-package-for-org")
        .map((call) => call.rawPath),
    ).toEqual(["/orgs/acme/packages/container/team%2Fapp/restore"]);
    const [card] = slack.messages("C0RESTORE");
    expect(slack.thread("C0RESTORE", card!.ts)[0]?.text).toContain(
      "Restored the container package `team/app` in acme.",
    );
  });

  it("log every line with Lambda's request ID and the trace ID, and count the request and the restore by outcome", async () => {
    const trace = "Root=1-67891233-abcdef012345678912345678;Parent=53995c3f42cd8ad8;Sampled=1";
    const traceId = "1-67891233-abcdef012345678912345678";
    const http = captureLogLines("package-restore-http");
    const worker = captureLogLines("package-restore-worker");
    // Lambda sets it for each invocation of each function; the stand-in runs both in this process.
    github.addPackage("acme", { type: "npm", name: "traced", deletedAt: new Date(Date.now() - 86_400_000) });
    process.env._X_AMZN_TRACE_ID = trace;
    try {
      await httpHandler(signedEvent("acme npm traced"), { awsRequestId: "http-invocation-1" });
      await lambda.idle();
      const [card] = slack.messages("C0RESTORE");
      const approve = clickPayload({
        action: "approve",
        card: card!,
        userId: "U0APPROVER1",
        responseUrl: slack.newResponseUrl(),
      });
      await httpHandler(signed(approve), { awsRequestId: "http-invocation-2" });
      await lambda.idle();
    } finally {
      delete process.env._X_AMZN_TRACE_ID;
      http.stop();
      worker.stop();
    }
    expect(slack.thread("C0RESTORE", slack.messages("C0RESTORE")[0]!.ts)[0]?.text).toContain("Restored");
    // The hand-off passed the trace on, so Lambda would record the worker's run in the same trace.
    expect(lambda.invocations.map((invocation) => invocation.traceHeader)).toEqual([trace, trace]);

    expect(http.lines.length).toBeGreaterThanOrEqual(4);
    for (const line of http.lines) expect(line).toMatchObject({ xray_trace_id: traceId });
    expect(new Set(http.lines.map((line) => line.function_request_id))).toEqual(
      new Set(["http-invocation-1", "http-invocation-2"]),
    );
    expect(worker.lines.length).toBeGreaterThan(4);
    for (const line of worker.lines.filter((line) => line._aws === undefined))
      expect(line).toMatchObject({
        xray_trace_id: traceId,
        function_request_id: expect.stringMatching(/^worker-invocation-/),
      });

    const metrics = (lines: Array<Record<string, unknown>>): Array<Record<string, unknown>> =>
      lines
        .filter((line) => line._aws !== undefined)
        .flatMap((line) => {
          const [directive] = (
            line._aws as {
              CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][]; Metrics: Array<{ Name: string }> }>;
            }
          ).CloudWatchMetrics;
          expect(directive!.Namespace).toBe("package-restore/prod");
          const dimensions: Record<string, unknown> = Object.fromEntries(
            directive!.Dimensions[0]!.map((key) => [key, line[key]]),
          );
          return directive!.Metrics.map((metric) => ({ name: metric.Name, value: line[metric.Name], ...dimensions }));
        });
    expect(metrics(http.lines).filter((metric) => metric.name === "requestsReceived")).toEqual([
      { name: "requestsReceived", value: 1, service: "package-restore-http", kind: "restore" },
      { name: "requestsReceived", value: 1, service: "package-restore-http", kind: "click" },
    ]);
    const fromWorker = metrics(worker.lines);
    expect(fromWorker.filter((metric) => metric.name === "restores")).toEqual([
      { name: "restores", value: 1, service: "package-restore-worker", outcome: "restored" },
    ]);
    expect(fromWorker.filter((metric) => metric.name === "requestsApproved")).toHaveLength(1);
    expect(fromWorker.filter((metric) => metric.name === "commandToCardMs")).toHaveLength(1);
    expect(fromWorker.filter((metric) => metric.name === "approvalToOutcomeMs")).toHaveLength(1);
    // The worker's calls out, timed. (The card's pre-check looks the deleted package up, a 404 counted in githubErrors.)
    expect(fromWorker.filter((metric) => metric.name === "githubCallMs").length).toBeGreaterThanOrEqual(2);
    expect(fromWorker.filter((metric) => metric.name === "slackCallMs").length).toBeGreaterThanOrEqual(3);
    expect(fromWorker.filter((metric) => metric.name === "slackErrors")).toEqual([]);
    expect(fromWorker.filter((metric) => metric.name === "githubErrors" && metric.status !== "404")).toEqual([]);
  });

  it("tell the user nothing was done when Lambda won't take the job", async () => {
    lambda.failNext(500, 3);
    const result = await httpHandler(signedEvent("acme npm left-pad"));
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body ?? "{}").text).toContain("I couldn't confirm that your request was queued.");
    expect(lambda.invocations.map((call) => call.status)).toEqual([500, 500, 500]);
    expect(slack.calls).toHaveLength(0);
  });

  it("hand the worker only the fields it reads", async () => {
    const form = {
      ...commandBody({ text: "acme npm left-pad", responseUrl: slack.newResponseUrl() }),
      smuggled: "s".repeat(30_000),
    };
    expect((await httpHandler(signed(form))).statusCode).toBe(200);
    const payload = lambda.invocations[0]?.payload as { slack: { body: Record<string, string> } };
    expect(Object.keys(payload.slack.body).sort()).toEqual([
      "channel_id",
      "command",
      "is_enterprise_install",
      "response_url",
      "team_id",
      "user_id",
    ]);
    expect(JSON.stringify(payload)).not.toContain("deprecated-verification-token");
    await lambda.idle();
    // Bolt still routed it: the worker posted the card.
    expect(JSON.stringify(slack.messages("C0RESTORE")[0]?.blocks)).toContain("restore_approve");
  });

  it("refuse a body over 64 KiB, counted after API Gateway's base64 is decoded, with 413 before the signature", async () => {
    const fields = commandBody({ text: "acme npm left-pad" });
    const base = `${new URLSearchParams(fields).toString()}&pad=`;
    const overBy = (bytes: number) => ({ ...fields, pad: "p".repeat(64 * 1024 + bytes - base.length) });
    const tooLarge = signed(overBy(1));
    expect(Buffer.from(tooLarge.body!, "base64").length).toBe(64 * 1024 + 1);
    const result = await httpHandler(tooLarge);
    expect(result.statusCode).toBe(413);
    expect(result.body).toMatch(/too large/i);
    // Unsigned, it is still 413: the size is checked first.
    expect((await httpHandler(apiGatewayEvent(overBy(1), {}))).statusCode).toBe(413);
    expect(lambda.invocations).toHaveLength(0);
    // At the limit it is accepted, though its base64 is a third longer.
    const atLimit = signed(overBy(0));
    expect(atLimit.body!.length).toBeGreaterThan(64 * 1024);
    expect((await httpHandler(atLimit)).statusCode).toBe(200);
    expect(lambda.invocations).toHaveLength(1);
  });

  it("answer Slack's unsigned ssl_check with an empty 200, and invoke nothing", async () => {
    const result = await httpHandler(apiGatewayEvent({ ssl_check: "1", token: "verification-token" }, {}));
    expect(result).toMatchObject({ statusCode: 200, body: "" });
    expect(lambda.invocations).toHaveLength(0);
  });

  it("refuse a bad signature with 401 and touch nothing", async () => {
    const form = commandBody({ text: "acme npm left-pad" });
    const headers = signedHeaders("not-the-secret", new URLSearchParams(form).toString());
    const result = await httpHandler(apiGatewayEvent(form, headers));
    expect(result.statusCode).toBe(401);
    expect(lambda.invocations).toHaveLength(0);
    expect(slack.calls).toHaveLength(0);
    expect(github.calls).toHaveLength(0);
  });
});
