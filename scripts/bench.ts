// `npm run bench`: builds the bundles (package.json does), then measures everything side by side
// in one run and prints one markdown table. A report, not a test: it always exits 0 unless it breaks.
// Every timing runs on this machine's Node and on the Lambda runtime's major (serverless.yml's
// provider.runtime, fetched from npm into node_modules/.cache when missing), under the NODE_OPTIONS and
// environment serverless.yml gives each function.
import { spawn } from "node:child_process";
import { readFile, rm, stat } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import type { EndToEndResult } from "../local/bench/endToEnd.js";
import { startBenchStage } from "../local/bench/benchStage.js";
import { measureCards, type CardRounds } from "../local/bench/cardCold.js";
import { measureColdStarts, prepareColdStart, type ColdRun, type Subject } from "../local/bench/coldStart.js";
import { readDeployedSettings } from "../local/bench/deployedSettings.js";
import { lambdaNode, machineNode, type NodeBinary } from "../local/bench/lambdaNode.js";
import type { AckSamples } from "../local/bench/warmAck.js";
import type { measureWarmRepair } from "../local/bench/warmRepair.js";
import {
  countRange,
  fmt,
  kib,
  machineLine,
  markdownTable,
  max,
  median,
  min,
  p10p90,
  percentile,
  range,
  verdict,
  type Row,
} from "../local/bench/stats.js";

/** What the card's pre-check reads (issue 9), counted apart from authenticating and restoring. */
const PRECHECK_OPERATIONS = new Set([
  "packages/get-package-for-organization",
  "packages/get-package-version-for-organization",
  "packages/get-all-package-versions-for-package-owned-by-org",
]);

/** `--quick`: a few rounds of everything, to check the bench works; its figures are too few to report. */
const quick = process.argv.includes("--quick");
const COLD_ROUNDS = quick ? 3 : 30;
const CARD_ROUNDS = quick ? 2 : 15;
const ACK_ROUNDS = quick ? 1 : 5;
const BUNDLE_ACK_ROUNDS = quick ? 1 : 3;
const ACK_COUNT = quick ? 200 : 2000;
const WARM_RESTORES = quick ? 5 : 200;
const WARM_APPROVALS = quick ? 3 : 50;
const WARM_REPAIRS = quick ? 3 : 30;
const WARM_MARK = "BENCH-WARM ";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const progress = (message: string) => process.stderr.write(`bench: ${message}\n`);
const rows: Row[] = [];
let rowNode = "";
const row = (section: string, measure: string, value: string, spread = "", target = "", result: Row["result"] = "") =>
  rows.push({ section, node: rowNode, measure, value, spread, target, result });
const ms = (value: number) => fmt(value, " ms");
const mb = (kibValue: number) => (kibValue * 1024) / 1e6;

interface WarmResult {
  handlerAck: AckSamples[];
  bundleAck: AckSamples[];
  direct: EndToEndResult;
  approval: EndToEndResult;
  repair: Awaited<ReturnType<typeof measureWarmRepair>>;
}

const started = Date.now();
const settings = readDeployedSettings(repoRoot);
const machine = machineNode();
const lambda = lambdaNode(repoRoot, settings.nodeMajor, progress);
const nodes: NodeBinary[] = machine.version === lambda.version ? [machine] : [machine, lambda];
const stage = await startBenchStage(settings);
const cold = await prepareColdStart(repoRoot, stage);
try {
  const versions = nodes.map((node) => node.version).join(" and ");
  progress(
    `cold starts: ${COLD_ROUNDS} rounds of empty / HTTP function / minimal Bolt app on ${versions}, interleaved`,
  );
  const coldRuns = await measureColdStarts(cold, nodes, COLD_ROUNDS);
  const cards: CardRounds[] = [];
  for (const node of nodes) {
    progress(`command → card, cold, on Node ${node.version}: ${CARD_ROUNDS} rounds of ours and the Bolt app's message`);
    cards.push(await measureCards(cold, node, CARD_ROUNDS));
  }
  const warm: WarmResult[] = [];
  for (const node of nodes) warm.push(await runWarm(node));

  nodes.forEach((node, i) => {
    rowNode = node.version;
    coldRows(coldRuns[i]!);
    cardRows(cards[i]!);
  });
  nodes.forEach((node, i) => {
    rowNode = node.version;
    const { handlerAck, bundleAck, direct, approval, repair } = warm[i]!;
    ackRows("3", "handleSlackRequest + in-memory hand-off", handlerAck, true);
    ackRows("3", "dist/http handler + SigV4 Invoke to stand-in", bundleAck, false);
    restoreRows("4", "Direct path: command → outcome in thread", direct, true);
    restoreRows("4", "Approval path: Approve click → outcome in thread", approval, false);
    repairRows(repair);
  });
  rowNode = "";
  await sizeRows();
  nodes.forEach((node, i) => {
    rowNode = node.version;
    peakRows(coldRuns[i]!);
  });
} finally {
  await cold.close();
  await stage.close();
  await rm(cold.dir, { recursive: true, force: true });
}

const command =
  process.env.npm_lifecycle_event === "bench"
    ? `npm run bench (${process.env.npm_lifecycle_script})`
    : process.argv.slice(1).join(" ");
console.log(`Machine: ${machineLine()}`);
console.log(
  `Nodes: ${nodes.map((node) => `${node.version} (${node.origin})`).join("; ")}. Lambda runs ${settings.runtime} (serverless.yml) on arm64; this machine runs the x64 build of the same major.`,
);
console.log(
  `Deployed settings (read from serverless.yml): NODE_OPTIONS=${stage.nodeOptions.NODE_OPTIONS ?? "(unset)"}; each function's environment, secrets read at start-up from an SSM stand-in.`,
);
console.log(
  `Command: ${command}; run ${new Date(started).toISOString()}, took ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
console.log();
console.log(markdownTable(rows));
console.log();
console.log(
  [
    `Cold start: wall time measured by the parent from spawn() to the child's answer line, ${COLD_ROUNDS} runs each, order rotated every round across subjects and Node versions, one unrecorded warm-up run each; spread is min–max.`,
    "Each child runs the same driver; the empty process imports nothing. All children get serverless.yml's NODE_OPTIONS. The HTTP function also gets its environment from serverless.yml, reads its signing secret from the SSM stand-in at start-up, and hands off with a real SigV4-signed asynchronous Invoke to a Lambda stand-in on 127.0.0.1, checked for 202. The Bolt apps get the signing secret (and token) directly.",
    `Command → card, cold: ${CARD_ROUNDS} rounds per Node, ours and the Bolt app's alternating who goes first. Ours: a fresh HTTP-function process; its Invoke makes the Lambda stand-in start a fresh worker process (serverless.yml's environment; secrets from the SSM stand-in; GitHub App auth, nothing cached), with dynalite and zero-latency Slack and GitHub stand-ins; timed from the HTTP function's spawn() to the card's chat.postMessage reaching the Slack stand-in (its clock has 1 ms steps). Bolt: a fresh minimal Bolt app (processBeforeResponse) posting a message from its command listener, timed from spawn() to that chat.postMessage.`,
    `Warm ack: run in a child process per Node (node --import tsx local/bench/warmChild.ts) under serverless.yml's NODE_OPTIONS; commands and clicks alternate; p50/p99 per round of ${ACK_COUNT} each, median over rounds, spread min–max over rounds. Log lines are formatted but not written.`,
    "Direct path: RESTORE_REQUIRE_APPROVAL=false, one command = one restore. Approval path: timed from the Approve click; calls counted for command + click.",
    "Repair: `repair acme <image>:1.0` on the direct path for a fresh image each time (2 platforms and 2 attestations, all deleted on GitHub, so absent from the registry simulator until restored): diagnosis (registry reads, one listing of deleted versions), card, 4 version restores, verification through the registry, thread reply. Registry calls include the token exchange for each new repository.",
    `Command to outcome: real HTTP ingress, in-process hand-off, Bolt worker (from source, through tsx), dynalite and the zero-latency Slack/GitHub simulators; GitHub's 1 s write spacing is off (githubTuning.writeSpacingMs = 0): this measures the bot, not GitHub. p50 spread is p10–p90. "Cold" is the first restore of a fresh stack (installation and token not cached), not a cold Lambda.`,
  ].join("\n"),
);
const failed = rows.filter((r) => r.result === "FAIL");
const passed = rows.filter((r) => r.result === "PASS");
console.log();
console.log(
  `bench: targets met: ${passed.map((r) => `${r.section} ${r.node} ${r.measure.trim()}`).join("; ") || "none"}.`,
);
console.log(
  failed.length === 0
    ? `bench: all ${passed.length} targets met.`
    : `bench: ${failed.length} of ${passed.length + failed.length} targets missed: ${failed.map((r) => `${r.section} ${r.node} ${r.measure.trim()}`).join("; ")}.`,
);

/** The warm rows, in a child process on `node` under the deployed NODE_OPTIONS. */
async function runWarm(node: NodeBinary): Promise<WarmResult> {
  const child = spawn(node.path, ["--import", "tsx", "local/bench/warmChild.ts"], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? "",
      ...stage.nodeOptions,
      BENCH_WARM: JSON.stringify([
        ACK_ROUNDS,
        BUNDLE_ACK_ROUNDS,
        ACK_COUNT,
        WARM_RESTORES,
        WARM_APPROVALS,
        WARM_REPAIRS,
      ]),
      // The SDK warns on stderr about Node 20's end of support.
      NODE_NO_WARNINGS: "1",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let stdout = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", resolve);
  });
  const line = stdout
    .split("\n")
    .find((l) => l.startsWith(WARM_MARK))
    ?.slice(WARM_MARK.length);
  if (code !== 0 || line === undefined) throw new Error(`the warm rows on Node ${node.version} failed (exit ${code})`);
  return JSON.parse(line) as WarmResult;
}

function coldRows(runs: Record<Subject, ColdRun[]>): void {
  const answer = (subject: keyof typeof runs) => runs[subject].map((run) => run.answerMs);
  const [empty, http, bolt] = [median(answer("empty")), median(answer("http")), median(answer("bolt"))];
  const perRound = (a: keyof typeof runs, b: keyof typeof runs) =>
    runs[a].map((run, i) => run.answerMs / runs[b][i]!.answerMs);
  row("1", "Cold start, empty Node process (driver only, no import)", ms(empty), range(answer("empty"), " ms"));
  row("1", "Cold start, HTTP function (dist/http): spawn → 200 after hand-off", ms(http), range(answer("http"), " ms"));
  row(
    "1",
    "Cold start, minimal Bolt 5 app (AwsLambdaReceiver, 1 command listener): spawn → 200",
    ms(bolt),
    range(answer("bolt"), " ms"),
  );
  row(
    "1",
    "HTTP ÷ Bolt (medians; spread per round)",
    fmt(http / bolt, "×"),
    range(perRound("http", "bolt"), "×"),
    "≤ 0.33×",
    verdict(http / bolt <= 1 / 3),
  );
  row(
    "1",
    "HTTP ÷ empty Node (medians; spread per round)",
    fmt(http / empty, "×"),
    range(perRound("http", "empty"), "×"),
    // Reported without a target (issue 17): the next milliseconds here are not worth hand-written protocol code.
    "(info)",
  );
  for (const subject of ["empty", "http", "bolt"] as const) {
    const part = (key: "bootMs" | "importMs" | "handleMs") => ms(median(runs[subject].map((run) => run[key])));
    const exit = median(runs[subject].map((run) => run.exitMs));
    row(
      "1",
      // Import ends when the module's top-level await does: for the HTTP function, after its start-up SSM read.
      `  where the time goes, ${subject}: Node boot / import (the HTTP function's with its SSM read) / handle / exit (in child, medians)`,
      `${part("bootMs")} / ${part("importMs")} / ${part("handleMs")}`,
      `exit at ${ms(exit)}`,
    );
  }
}

function ackRows(section: string, what: string, rounds: AckSamples[], targeted: boolean): void {
  for (const kind of ["command", "click"] as const) {
    const p50s = rounds.map((round) => percentile(round[kind], 50));
    const p99s = rounds.map((round) => percentile(round[kind], 99));
    const n = `${rounds.length}×${rounds[0]![kind].length}`;
    row(section, `Warm ack, ${kind}s, ${what}: p50 (${n})`, ms(median(p50s)), range(p50s, " ms"));
    const p99 = median(p99s);
    row(
      section,
      `Warm ack, ${kind}s, ${what}: p99`,
      ms(p99),
      `${range(p99s, " ms")}; max ${ms(max(rounds.flatMap((r) => r[kind])))}`,
      targeted ? "< 5 ms" : "(info)",
      targeted ? verdict(p99 < 5) : "",
    );
  }
}

function restoreRows(section: string, what: string, result: EndToEndResult, targeted: boolean): void {
  const { cold: first, warm } = result;
  const times = warm.map((run) => run.ms);
  // The calls counted beside them: the pre-check's reads are counted on a row of their own.
  const ops = (run: EndToEndResult["cold"]) =>
    run.githubOps
      .filter((op) => !PRECHECK_OPERATIONS.has(op))
      .map((op) => op.split("/").pop())
      .join(", ");
  row(section, `${what}, cold (first restore)`, ms(first.ms), "1 run");
  row(section, `${what}, warm p50 (${warm.length} restores)`, ms(median(times)), p10p90(times, " ms"));
  row(section, `${what}, warm p99`, ms(percentile(times, 99)), `min ${ms(min(times))}, max ${ms(max(times))}`);
  // The card's pre-check (issue 9) reads the package before anyone approves; it is counted apart from the
  // calls that authenticate and restore, which is what the "one call per restore" target is about.
  const restoring = (run: EndToEndResult["cold"]) => run.githubOps.filter((op) => !PRECHECK_OPERATIONS.has(op)).length;
  const github = warm.map(restoring);
  const reads = warm.map((run) => run.githubOps.length - restoring(run));
  row(section, `${what}: GitHub calls to authenticate and restore, cold`, String(restoring(first)), ops(first));
  row(
    section,
    `${what}: GitHub calls to authenticate and restore, warm`,
    String(median(github)),
    `${countRange(github)}: ${ops(warm.at(-1)!)}`,
    targeted ? "= 1" : "(info)",
    targeted ? verdict(max(github) === 1 && min(github) === 1) : "",
  );
  row(
    section,
    `${what}: GitHub reads for the card's pre-check, warm`,
    String(median(reads)),
    countRange(reads),
    "(info)",
  );
  const slack = warm.map((run) => run.slack);
  const urls = warm.map((run) => run.responseUrl);
  row(
    section,
    `${what}: Slack calls per restore, cold / warm`,
    `${first.slack} / ${median(slack)}`,
    `warm ${countRange(slack)}: ${warm.at(-1)!.slackMethods.join(", ")}; response_url posts ${first.responseUrl} / ${countRange(urls)}`,
  );
}

/** Issue 15: a repair restores each of N children once and reads a bounded number of times (no listing per child). */
function repairRows({ cold: first, warm }: WarmResult["repair"]): void {
  const what = "Repair of a 4-child index, direct path: command → verified outcome in thread";
  const times = warm.map((run) => run.ms);
  row("4", `${what}, cold (first repair)`, ms(first.ms), "1 run");
  row("4", `${what}, warm p50 (${warm.length} repairs)`, ms(median(times)), p10p90(times, " ms"));
  const count = (key: "github" | "registry" | "restores") => warm.map((run) => run[key]);
  row(
    "4",
    "  per repair, warm: GitHub calls (of them version restores) / registry calls",
    `${median(count("github"))} (${median(count("restores"))}) / ${median(count("registry"))}`,
    `GitHub ${countRange(count("github"))}, registry ${countRange(count("registry"))}; cold ${first.github} (${first.restores}) / ${first.registry}`,
    "restores = 4",
    verdict(count("restores").every((n) => n === 4)),
  );
}

function cardRows({ ours, bolt }: CardRounds): void {
  const card = ours.map((run) => run.cardMs);
  const message = bolt.map((run) => run.messageMs);
  const [cardMedian, boltMedian] = [median(card), median(message)];
  const perRound = ours.map((run, i) => run.cardMs / bolt[i]!.messageMs);
  row(
    "2",
    "Command → card posted, cold: HTTP function + worker (fresh processes, Lambda stand-in)",
    ms(cardMedian),
    range(card, " ms"),
  );
  row(
    "2",
    "Command → message posted, cold: minimal Bolt 5 app (processBeforeResponse, posts from its listener)",
    ms(boltMedian),
    range(message, " ms"),
  );
  row(
    "2",
    "Card ÷ Bolt app's message (medians; spread per round)",
    fmt(cardMedian / boltMedian, "×"),
    range(perRound, "×"),
    "≤ 1.5×",
    verdict(cardMedian / boltMedian <= 1.5),
  );
  const part = (key: "ackMs" | "workerSpawnMs" | "workerImportedMs") => ms(median(ours.map((run) => run[key])));
  row(
    "2",
    "  where the card's time goes: HTTP answered / worker spawned / worker loaded / card (from HTTP spawn, medians)",
    `${part("ackMs")} / ${part("workerSpawnMs")} / ${part("workerImportedMs")} / ${ms(cardMedian)}`,
  );
  const last = ours.at(-1)!;
  row(
    "2",
    "  calls of the cold job: GitHub (whole job) / Slack before the card",
    `${last.githubOps.length} / ${last.slackBeforeCard.length}`,
    `${last.githubOps.map((op) => op.split("/").pop()).join(", ")}; Slack: ${last.slackBeforeCard.join(", ") || "none"}`,
  );
}

async function sizeRows(): Promise<void> {
  for (const [name, file] of [
    ["HTTP function (dist/http/index.mjs)", cold.bundles.http],
    ["worker function (dist/worker/index.mjs)", cold.bundles.worker],
    ["minimal Bolt 5 app (bench build)", cold.bundles.bolt],
  ] as const) {
    const { size } = await stat(file);
    row("5", `Bundle size, ${name}`, kib(size), `gzip ${kib(gzipSync(await readFile(file)).length)}`);
  }
}

function peakRows(runs: Record<Subject, ColdRun[]>): void {
  const peak = (subject: Subject) => runs[subject].map((run) => mb(run.maxRssKiB));
  row(
    "5",
    "Peak RSS, HTTP function cold start (maxRSS)",
    fmt(median(peak("http")), " MB"),
    `${range(peak("http"), " MB")}; worst run judged`,
    "< 80 MB",
    verdict(max(peak("http")) < 80),
  );
  row(
    "5",
    "Peak RSS, empty Node process / minimal Bolt app",
    `${fmt(median(peak("empty")), " MB")} / ${fmt(median(peak("bolt")), " MB")}`,
    `${range(peak("empty"))} / ${range(peak("bolt"), " MB")}`,
  );
}
