// Cold starts: fresh `node` processes that load a bundle and answer one signed slash command,
// beside an empty Node process and a minimal Bolt 5 app bundled from the installed @slack/bolt.
import { spawn } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import { build } from "esbuild";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { signedApiGatewayEvent } from "../simulators/aws/apiGatewayEvent.js";
import { commandBody } from "../simulators/slack/slackRequests.js";
import { startLambdaSimulator, type LambdaSimulator } from "../simulators/lambda/startLambdaSimulator.js";

export const SIGNING_SECRET = "bench-signing-secret";
const WORKER = "package-restore-bench-worker";
const CREDENTIALS = { accessKeyId: "AKIDBENCH", secretAccessKey: "bench-secret-key" };
const REGION = "eu-west-1";
/** Same banner as scripts/build.mjs, so the Bolt bundle loads the way ours does. */
const BANNER =
  "import { createRequire as __pr_createRequire } from 'node:module'; const require = __pr_createRequire(import.meta.url);";

/** Starts the child's report line; the bundles may log lines of their own to stdout. */
const MARK = "BENCH-REPORT ";

/** What a child prints after MARK. */
interface ChildReport {
  status: number | null;
  bootMs: number;
  importMs: number;
  handleMs: number;
  maxRssKiB: number;
}

export interface ColdRun extends ChildReport {
  /** Parent's wall time from spawn() to the child's answer line. */
  answerMs: number;
  /** Parent's wall time from spawn() to the child's exit. */
  exitMs: number;
}

export type Subject = "empty" | "http" | "bolt";

/**
 * The driver each child runs. `performance.now()` counts from the process's time origin, so
 * `bootMs` is Node's own start-up before the first line of user code.
 */
const DRIVER = `
const bootMs = performance.now();
const MARK = "${MARK}";
const [mode, moduleUrl] = process.argv.slice(2);
let status = null, importMs = 0, handleMs = 0;
if (mode !== "empty") {
  const mod = await import(moduleUrl);
  const imported = performance.now();
  importMs = imported - bootMs;
  const result = await mod.handler(JSON.parse(process.env.BENCH_EVENT), { functionName: "bench", awsRequestId: "bench" });
  status = result?.statusCode ?? null;
  handleMs = performance.now() - imported;
}
process.stdout.write(MARK + JSON.stringify({ status, bootMs, importMs, handleMs, maxRssKiB: process.resourceUsage().maxRSS }) + "\\n");
process.exit(0);
`;

/** The minimal Bolt app the issue asks for: AwsLambdaReceiver and one command listener. */
const BOLT_APP = `
import { App, AwsLambdaReceiver } from "@slack/bolt";
const receiver = new AwsLambdaReceiver({ signingSecret: process.env.SLACK_SIGNING_SECRET });
const app = new App({ receiver, token: "xoxb-bench-0000", tokenVerificationEnabled: false, botId: "B1", botUserId: "U1" });
app.command("/restore-package", async ({ ack }) => { await ack("ok"); });
export const handler = (event, context) => receiver.start().then((h) => h(event, context, () => {}));
`;

export interface ColdStartSetup {
  dir: string;
  driver: string;
  bundles: Record<Exclude<Subject, "empty">, string>;
  lambda: LambdaSimulator;
  close(): Promise<void>;
}

export async function prepareColdStart(repoRoot: string): Promise<ColdStartSetup> {
  const dir = await mkdtemp(join(tmpdir(), "package-restore-bench-"));
  const driver = join(dir, "driver.mjs");
  await writeFile(driver, DRIVER);
  const boltBundle = join(dir, "bolt", "index.mjs");
  await build({
    stdin: { contents: BOLT_APP, resolveDir: repoRoot, sourcefile: "bolt-app.mjs", loader: "js" },
    outfile: boltBundle,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    minify: true,
    legalComments: "none",
    banner: { js: BANNER },
    logLevel: "error",
  });
  // A Lambda Invoke stand-in with a no-op worker, so the HTTP function's hand-off really happens.
  const lambda = await startLambdaSimulator({
    credentials: CREDENTIALS,
    region: REGION,
    functions: { [WORKER]: async () => {} },
  });
  return {
    dir,
    driver,
    bundles: { http: join(repoRoot, "dist/http/index.mjs"), bolt: boltBundle },
    lambda,
    close: () => lambda.close(),
  };
}

/** An HTTP API (payload v2) event carrying a slash command, signed now, as API Gateway delivers it. */
export function signedCommandEvent(text = "acme container team/app cleanup removed it"): APIGatewayProxyEventV2 {
  return signedApiGatewayEvent(SIGNING_SECRET, commandBody({ text }));
}

/** The environment Lambda would give the HTTP function, with the hand-off pointed at the stand-in. */
export function httpFunctionEnv(lambdaUrl: string): Record<string, string> {
  return {
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    WORKER_FUNCTION_NAME: WORKER,
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    LAMBDA_ENDPOINT: lambdaUrl,
    // As deployed: serverless.yml sets the namespace (the function writes its metric lines) and Lambda's active
    // tracing sets the trace header (every log line and the hand-off carry it). Code that reads neither ignores them.
    METRICS_NAMESPACE: "package-restore/bench",
    _X_AMZN_TRACE_ID: "Root=1-67891233-abcdef012345678912345678;Parent=53995c3f42cd8ad8;Sampled=1",
  };
}

/** Runs one child and returns what it and the parent measured; throws if it did not answer 200. */
export async function runCold(setup: ColdStartSetup, subject: Subject): Promise<ColdRun> {
  const env = {
    PATH: process.env.PATH ?? "",
    BENCH_EVENT: JSON.stringify(signedCommandEvent()),
    ...httpFunctionEnv(setup.lambda.url),
  };
  const args =
    subject === "empty" ? [setup.driver, "empty"] : [setup.driver, subject, pathToFileURL(setup.bundles[subject]).href];
  const invocationsBefore = setup.lambda.invocations.length;
  const started = performance.now();
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  let answerMs: number | undefined;
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
    const at = stdout.indexOf(MARK);
    if (answerMs === undefined && at >= 0 && stdout.indexOf("\n", at) >= 0) answerMs = performance.now() - started;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", resolve);
  });
  const exitMs = performance.now() - started;
  const line = stdout
    .split("\n")
    .find((l) => l.startsWith(MARK))
    ?.slice(MARK.length);
  if (code !== 0 || line === undefined || answerMs === undefined) {
    throw new Error(`cold start of ${subject} failed (exit ${code}):\n${stdout}\n${stderr}`);
  }
  const report = JSON.parse(line) as ChildReport;
  if (subject !== "empty" && report.status !== 200) {
    throw new Error(`cold start of ${subject} answered ${report.status}, not 200:\n${stdout}\n${stderr}`);
  }
  if (subject === "http") {
    const invocation = setup.lambda.invocations[invocationsBefore];
    if (invocation === undefined || invocation.status !== 202 || !invocation.signatureValid) {
      throw new Error(
        `the HTTP function answered 200 without a valid hand-off to the Lambda stand-in (${JSON.stringify(invocation)})`,
      );
    }
  }
  return { ...report, answerMs, exitMs };
}

/**
 * `rounds` runs of each subject, order rotated every round so drift (page cache, CPU
 * frequency, neighbours) hits all three equally; one unrecorded warm-up run of each first.
 */
export async function measureColdStarts(setup: ColdStartSetup, rounds: number): Promise<Record<Subject, ColdRun[]>> {
  const subjects: Subject[] = ["empty", "http", "bolt"];
  for (const subject of subjects) await runCold(setup, subject);
  const runs: Record<Subject, ColdRun[]> = { empty: [], http: [], bolt: [] };
  for (let round = 0; round < rounds; round += 1) {
    const order = subjects.map((_, i) => subjects[(i + round) % subjects.length]!);
    if (round % 2 === 1) order.reverse();
    for (const subject of order) runs[subject].push(await runCold(setup, subject));
  }
  return runs;
}
