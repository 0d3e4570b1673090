// Cold starts: fresh `node` processes that load a bundle and answer one signed slash command,
// beside an empty Node process and a minimal Bolt 5 app bundled from the installed @slack/bolt,
// each on a given Node binary and under the NODE_OPTIONS serverless.yml deploys.
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
import { BOT_TOKEN, SIGNING_SECRET, type BenchStage } from "./benchStage.js";
import type { NodeBinary } from "./lambdaNode.js";

export { SIGNING_SECRET };
const WORKER = "package-restore-bench-worker";
const CREDENTIALS = { accessKeyId: "AKIDBENCH", secretAccessKey: "bench-secret-key" };
const REGION = "eu-west-1";
/** Same banner as scripts/build.mjs, so the Bolt bundle loads the way ours does. */
const BANNER =
  "import { createRequire as __pr_createRequire } from 'node:module'; const require = __pr_createRequire(import.meta.url);";
/** The esbuild target of scripts/build.mjs follows the Lambda runtime; the Bolt apps get the same. */
const boltTarget = (major: number) => `node${major}`;

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
/** Children the card row starts: the worker on the Lambda stand-in's Invoke, and the Bolt app that posts a message. */
export type ChildKind = Subject | "worker" | "boltCard";

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

/**
 * The same app answering the command with a message posted from its listener, what a team would write in an
 * afternoon: on Lambda it must finish its work before answering (processBeforeResponse), inside Slack's 3 s.
 */
const BOLT_CARD_APP = `
import { App, AwsLambdaReceiver } from "@slack/bolt";
const receiver = new AwsLambdaReceiver({ signingSecret: process.env.SLACK_SIGNING_SECRET });
const app = new App({
  receiver,
  token: process.env.SLACK_BOT_TOKEN,
  tokenVerificationEnabled: false,
  botId: "B1",
  botUserId: "U1",
  processBeforeResponse: true,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
});
app.command("/restore-package", async ({ ack, command, client }) => {
  await ack();
  await client.chat.postMessage({ channel: command.channel_id, text: "Restore requested: " + command.text });
});
export const handler = (event, context) => receiver.start().then((h) => h(event, context, () => {}));
`;

export interface ColdStartSetup {
  dir: string;
  driver: string;
  bundles: Record<"http" | "worker" | "bolt" | "boltCard", string>;
  stage: BenchStage;
  close(): Promise<void>;
}

export async function prepareColdStart(repoRoot: string, stage: BenchStage): Promise<ColdStartSetup> {
  const dir = await mkdtemp(join(tmpdir(), "package-restore-bench-"));
  const driver = join(dir, "driver.mjs");
  await writeFile(driver, DRIVER);
  const bolt = async (name: string, contents: string) => {
    const outfile = join(dir, name, "index.mjs");
    await build({
      stdin: { contents, resolveDir: repoRoot, sourcefile: `${name}.mjs`, loader: "js" },
      outfile,
      bundle: true,
      platform: "node",
      target: boltTarget(stage.settings.nodeMajor),
      format: "esm",
      minify: true,
      legalComments: "none",
      banner: { js: BANNER },
      logLevel: "error",
    });
    return outfile;
  };
  return {
    dir,
    driver,
    bundles: {
      http: join(repoRoot, "dist/http/index.mjs"),
      worker: join(repoRoot, "dist/worker/index.mjs"),
      bolt: await bolt("bolt", BOLT_APP),
      boltCard: await bolt("bolt-card", BOLT_CARD_APP),
    },
    stage,
    close: async () => {},
  };
}

/** An HTTP API (payload v2) event carrying a slash command, signed now, as API Gateway delivers it. */
export function signedCommandEvent(
  text = "acme container team/app cleanup removed it",
  responseUrl?: string,
): APIGatewayProxyEventV2 {
  return signedApiGatewayEvent(SIGNING_SECRET, commandBody({ text, ...(responseUrl ? { responseUrl } : {}) }));
}

/** The Lambda stand-in's region and credentials, matching httpFunctionEnv's. */
export function httpFunctionCredentials() {
  return { credentials: CREDENTIALS, region: REGION };
}

/** For the in-process warm acknowledgements: the signing secret given directly, the hand-off to the stand-in. */
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

/** The environment each kind of child starts with: our functions get serverless.yml's, the others its NODE_OPTIONS. */
function childEnv(setup: ColdStartSetup, kind: ChildKind): Record<string, string> {
  const { stage } = setup;
  const path = { PATH: process.env.PATH ?? "" };
  switch (kind) {
    case "empty":
      return { ...path, ...stage.nodeOptions };
    case "http":
      return { ...path, ...stage.httpEnv };
    case "worker":
      return { ...path, ...stage.workerEnv };
    case "bolt":
      return { ...path, ...stage.nodeOptions, SLACK_SIGNING_SECRET: SIGNING_SECRET };
    case "boltCard":
      return {
        ...path,
        ...stage.nodeOptions,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_API_URL: stage.slack.apiUrl,
      };
  }
}

export interface ChildRun extends ColdRun {
  /** performance.timeOrigin + performance.now() at spawn(), comparable with the simulators' Date.now() clocks. */
  spawnedAtEpochMs: number;
  stdout: string;
  stderr: string;
}

/** Runs one child on `node` with `event`; throws unless it exits 0 with its report line. */
export async function runChild(
  setup: ColdStartSetup,
  kind: ChildKind,
  node: NodeBinary,
  event: unknown,
): Promise<ChildRun> {
  const env = { ...childEnv(setup, kind), BENCH_EVENT: JSON.stringify(event) };
  const args =
    kind === "empty" ? [setup.driver, "empty"] : [setup.driver, kind, pathToFileURL(setup.bundles[kind]).href];
  const spawnedAtEpochMs = performance.timeOrigin + performance.now();
  const started = performance.now();
  const child = spawn(node.path, args, { env, stdio: ["ignore", "pipe", "pipe"] });
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
    throw new Error(`${kind} on Node ${node.version} failed (exit ${code}):\n${stdout}\n${stderr}`);
  }
  const report = JSON.parse(line) as ChildReport;
  if (kind !== "empty" && kind !== "worker" && report.status !== 200) {
    throw new Error(`${kind} on Node ${node.version} answered ${report.status}, not 200:\n${stdout}\n${stderr}`);
  }
  return { ...report, answerMs, exitMs, spawnedAtEpochMs, stdout, stderr };
}

/** One cold start of `subject` answering a signed command; the HTTP function's hand-off is checked at the stand-in. */
export async function runCold(setup: ColdStartSetup, subject: Subject, node: NodeBinary): Promise<ColdRun> {
  const { lambda } = setup.stage;
  const invocationsBefore = lambda.invocations.length;
  const {
    stdout: _out,
    stderr: _err,
    spawnedAtEpochMs: _at,
    ...run
  } = await runChild(setup, subject, node, signedCommandEvent());
  if (subject === "http") {
    const invocation = lambda.invocations[invocationsBefore];
    if (invocation === undefined || invocation.status !== 202 || !invocation.signatureValid) {
      throw new Error(
        `the HTTP function answered 200 without a valid hand-off to the Lambda stand-in (${JSON.stringify(invocation)})`,
      );
    }
  }
  return run;
}

/**
 * `rounds` runs of each subject on each Node, order rotated every round so drift (page cache, CPU
 * frequency, neighbours) hits all equally; one unrecorded warm-up run of each first.
 */
export async function measureColdStarts(
  setup: ColdStartSetup,
  nodes: readonly NodeBinary[],
  rounds: number,
): Promise<Array<Record<Subject, ColdRun[]>>> {
  const subjects: Subject[] = ["empty", "http", "bolt"];
  const cells = nodes.flatMap((node, n) => subjects.map((subject) => ({ n, node, subject })));
  for (const { node, subject } of cells) await runCold(setup, subject, node);
  const runs = nodes.map((): Record<Subject, ColdRun[]> => ({ empty: [], http: [], bolt: [] }));
  for (let round = 0; round < rounds; round += 1) {
    const order = cells.map((_, i) => cells[(i + round) % cells.length]!);
    if (round % 2 === 1) order.reverse();
    for (const { n, node, subject } of order) runs[n]![subject].push(await runCold(setup, subject, node));
  }
  return runs;
}
