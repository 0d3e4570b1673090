// `npm run load`: 500 signed commands and their approvals at a steady rate through the local stack
// (real HTTP handler, in-process hand-off, Bolt worker, dynalite, zero-latency Slack and GitHub
// simulators), then a reconciliation: one record, one card and one final outcome per command,
// and no package restored twice. Prints a markdown summary.
import { performance } from "node:perf_hooks";
import { clickPayload, commandBody, postSigned } from "../local/simulators/slack/slackRequests.js";
import { machineLine, percentile } from "../local/bench/stats.js";
import { startLocalStack } from "../local/startLocalStack.js";

const COMMANDS = Number(process.env.LOAD_COMMANDS ?? 500);
const PER_SECOND = Number(process.env.LOAD_RATE ?? 50);
const APPROVER = "U0APPROVER1";

const stack = await startLocalStack({
  env: { RESTORE_APPROVERS: APPROVER, AUDIT_CHANNEL_ID: "" },
  quiet: true,
  githubTuning: { writeSpacingMs: 0 },
  retryDelaysMs: [50, 100],
});
const slack = stack.slack!;
const github = stack.github!;
const names = Array.from({ length: COMMANDS }, (_, index) => `load-${index}`);
for (const name of names)
  github.addPackage("acme", { type: "npm", name, deletedAt: new Date(Date.now() - 86_400_000) });

const commandAcks: number[] = [];
const clickAcks: number[] = [];
const errors: string[] = [];

async function timed(form: Record<string, string>, into: number[], what: string): Promise<void> {
  const started = performance.now();
  try {
    const answer = await postSigned(stack.url, stack.signingSecret, form);
    into.push(performance.now() - started);
    if (answer.status !== 200) errors.push(`${what}: HTTP ${answer.status}`);
  } catch (error) {
    errors.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Runs `send(i)` for i < count at a steady rate, without waiting for answers before the next one is due. */
async function atSteadyRate(count: number, send: (index: number) => Promise<void>): Promise<void> {
  const started = performance.now();
  const inFlight: Array<Promise<void>> = [];
  for (let index = 0; index < count; index += 1) {
    const due = started + (index * 1000) / PER_SECOND;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(send(index));
  }
  await Promise.all(inFlight);
}

const wallStarted = performance.now();
await atSteadyRate(COMMANDS, (index) =>
  timed(
    commandBody({
      text: `acme npm ${names[index]} load test`,
      userId: "U0REQUESTER",
      responseUrl: slack.newResponseUrl(),
    }),
    commandAcks,
    `command ${index}`,
  ),
);
await stack.handOff.idle();
const cards = new Map(
  slack.messages("C0RESTORE").map((card) => [/`(load-\d+)`/.exec(JSON.stringify(card.blocks))?.[1], card] as const),
);
await atSteadyRate(COMMANDS, async (index) => {
  const card = cards.get(names[index]);
  if (card === undefined) return void errors.push(`no card for ${names[index]}`);
  await timed(
    clickPayload({ action: "approve", card, userId: APPROVER, responseUrl: slack.newResponseUrl() }),
    clickAcks,
    `approve ${index}`,
  );
});
await stack.handOff.idle();
const wallSeconds = (performance.now() - wallStarted) / 1000;

// Reconciliation.
const restoresPerPackage = new Map<string, number>();
for (const call of github.calls.filter((call) => call.operationId === "packages/restore-package-for-org")) {
  const name = call.params.package_name ?? "";
  restoresPerPackage.set(name, (restoresPerPackage.get(name) ?? 0) + 1);
}
const records = await stack.store.listRecent(
  COMMANDS * 2,
  new Date(Date.now() - 3_600_000),
  new Date(Date.now() + 60_000),
);
const recordsPerPackage = new Map<string, number>();
for (const record of records)
  recordsPerPackage.set(record.request.packageName, (recordsPerPackage.get(record.request.packageName) ?? 0) + 1);
let oneRecord = 0;
let oneCard = 0;
let oneOutcome = 0;
for (const name of names) {
  if (recordsPerPackage.get(name) === 1) oneRecord += 1;
  const matching = slack.messages("C0RESTORE").filter((card) => JSON.stringify(card.blocks).includes(`\`${name}\``));
  if (matching.length === 1) {
    oneCard += 1;
    const replies = slack.thread("C0RESTORE", matching[0]!.ts);
    if (replies.length === 1 && replies[0]!.text?.includes("Restored")) oneOutcome += 1;
  }
}
const doubleRestores = [...restoresPerPackage.values()].filter((count) => count > 1).length;
const final = records.filter((record) => record.state === "restored" && record.reported).length;

const ms = (values: number[], p: number) => (values.length ? `${percentile(values, p).toFixed(1)} ms` : "n/a");
const lines = [
  `Load: ${COMMANDS} commands then ${COMMANDS} approvals at ${PER_SECOND}/s each, through the local stack (GitHub's 1 s write spacing off). ${machineLine()}`,
  "",
  "| measure | value |",
  "|---|---|",
  `| acknowledgement, commands: p50 / p95 / p99 / max | ${ms(commandAcks, 50)} / ${ms(commandAcks, 95)} / ${ms(commandAcks, 99)} / ${ms(commandAcks, 100)} |`,
  `| acknowledgement, approvals: p50 / p95 / p99 / max | ${ms(clickAcks, 50)} / ${ms(clickAcks, 95)} / ${ms(clickAcks, 99)} / ${ms(clickAcks, 100)} |`,
  `| errors (non-200 or failed requests) | ${errors.length} |`,
  `| dead-lettered jobs | ${stack.handOff.deadLetters.length} |`,
  `| commands with exactly one record / one card / one outcome reply | ${oneRecord} / ${oneCard} / ${oneOutcome} of ${COMMANDS} |`,
  `| requests restored and reported | ${final} of ${COMMANDS} |`,
  `| GitHub restore calls / packages restored more than once | ${[...restoresPerPackage.values()].reduce((a, b) => a + b, 0)} / ${doubleRestores} |`,
  `| wall time | ${wallSeconds.toFixed(1)} s |`,
];
console.log(lines.join("\n"));
for (const error of errors.slice(0, 10)) console.log(`error: ${error}`);
await stack.close();
const ok =
  errors.length === 0 &&
  doubleRestores === 0 &&
  oneRecord === COMMANDS &&
  oneCard === COMMANDS &&
  oneOutcome === COMMANDS;
console.log(ok ? "load: reconciliation holds." : "load: reconciliation FAILED.");
process.exit(ok ? 0 : 1);
