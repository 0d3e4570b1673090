// Command to outcome posted in the thread, through the local stack (real HTTP handler on a Node
// server, in-process hand-off, Bolt worker, dynalite) with the zero-latency Slack and GitHub simulators.
import { performance } from "node:perf_hooks";
import { LOCAL_USERS } from "../localIdentities.js";
import { startLocalStack, type LocalStack } from "../startLocalStack.js";
import { clickPayload, commandBody, postSigned } from "../simulators/slack/slackRequests.js";

const CHANNEL = "C0RESTORE";
const RESTORE_OPERATION = "packages/restore-package-for-org";

export interface RestoreRun {
  /** Command sent → outcome in the thread (direct path), or click sent → outcome (approval path). */
  ms: number;
  github: number;
  slack: number;
  /** Posts to response_url (not Web API calls; listed apart). */
  responseUrl: number;
  /** GitHub operationIds called, in order. */
  githubOps: string[];
  /** Slack Web API methods called, in order. */
  slackMethods: string[];
}

export interface EndToEndResult {
  cold: RestoreRun;
  warm: RestoreRun[];
}

type Sims = Pick<LocalStack, "url" | "signingSecret" | "handOff"> & {
  slack: NonNullable<LocalStack["slack"]>;
  github: NonNullable<LocalStack["github"]>;
};

async function startStack(env: Record<string, string>): Promise<Sims> {
  const stack = await startLocalStack({
    env,
    quiet: true,
    // The bench measures this bot's latency, not GitHub's one-write-per-second spacing.
    githubTuning: { writeSpacingMs: 0 },
  });
  if (stack.slack === undefined || stack.github === undefined) {
    await stack.close();
    throw new Error("the bench needs both simulators: unset SLACK_BOT_TOKEN, GITHUB_APP_ID and GITHUB_TOKEN");
  }
  closers.push(() => stack.close());
  return { ...stack, slack: stack.slack, github: stack.github };
}

const closers: Array<() => Promise<void>> = [];
export async function closeStacks(): Promise<void> {
  await Promise.all(closers.splice(0).map((close) => close()));
}

let packages = 0;
function deletedPackage(stack: Sims): string {
  const name = `bench-${++packages}`;
  stack.github.addPackage("acme", { type: "npm", name, deletedAt: new Date(Date.now() - 86_400_000) });
  return name;
}

/** Sends, waits until the worker is done, and counts what reached the simulators meanwhile. */
async function timed(stack: Sims, send: () => Promise<{ status: number }>): Promise<RestoreRun> {
  const before = {
    github: stack.github.calls.length,
    slack: stack.slack.calls.length,
    responses: stack.slack.responses.length,
  };
  const start = performance.now();
  const answer = await send();
  await stack.handOff.idle();
  const ms = performance.now() - start;
  if (answer.status !== 200) throw new Error(`the bot answered ${answer.status}`);
  const githubCalls = stack.github.calls.slice(before.github);
  return {
    ms,
    github: githubCalls.length,
    slack: stack.slack.calls.length - before.slack,
    slackMethods: stack.slack.calls.slice(before.slack).map((call) => call.method),
    responseUrl: stack.slack.responses.length - before.responses,
    githubOps: githubCalls.map((call) => call.operationId ?? `${call.method} ${call.rawPath}`),
  };
}

function command(stack: Sims, name: string) {
  const form = commandBody({
    text: `acme npm ${name} removed by the cleanup job`,
    responseUrl: stack.slack.newResponseUrl(),
  });
  return () => postSigned(stack.url, stack.signingSecret, form);
}

/** The card of the thread and its outcome reply; throws unless the restore really happened. */
function checkRestored(stack: Sims, name: string, run: RestoreRun): void {
  const card = stack.slack.messages(CHANNEL).find((message) => JSON.stringify(message.blocks ?? []).includes(name));
  const reply = card && stack.slack.thread(CHANNEL, card.ts).at(-1);
  if (!reply?.text?.includes("Restored") || !run.githubOps.includes(RESTORE_OPERATION)) {
    throw new Error(
      `no "Restored" reply in the thread for ${name}: ${JSON.stringify({ reply: reply?.text, ops: run.githubOps })}`,
    );
  }
}

/** Direct path (RESTORE_REQUIRE_APPROVAL=false): one command, one restore. */
export async function measureDirect(warmCount: number): Promise<EndToEndResult> {
  const stack = await startStack({ RESTORE_REQUIRE_APPROVAL: "false", AUDIT_CHANNEL_ID: "" });
  const runOne = async () => {
    const name = deletedPackage(stack);
    const run = await timed(stack, command(stack, name));
    checkRestored(stack, name, run);
    return run;
  };
  const cold = await runOne();
  const warm: RestoreRun[] = [];
  for (let i = 0; i < warmCount; i += 1) warm.push(await runOne());
  return { cold, warm };
}

/**
 * Approval path: a command posts the card (calls counted with the restore), then one Approve
 * click restores; `ms` is click → outcome, the part a person waits for after approving.
 */
export async function measureApproval(warmCount: number): Promise<EndToEndResult> {
  const stack = await startStack({ AUDIT_CHANNEL_ID: "" });
  const runOne = async (): Promise<RestoreRun> => {
    const name = deletedPackage(stack);
    const asked = await timed(stack, command(stack, name));
    const card = stack.slack.messages(CHANNEL).find((message) => JSON.stringify(message.blocks ?? []).includes(name));
    if (card === undefined) throw new Error(`no card was posted for ${name}`);
    const form = clickPayload({
      action: "approve",
      card,
      userId: LOCAL_USERS.approvers[0],
      responseUrl: stack.slack.newResponseUrl(),
    });
    const approved = await timed(stack, () => postSigned(stack.url, stack.signingSecret, form));
    checkRestored(stack, name, approved);
    return {
      ms: approved.ms,
      github: asked.github + approved.github,
      slack: asked.slack + approved.slack,
      responseUrl: asked.responseUrl + approved.responseUrl,
      githubOps: [...asked.githubOps, ...approved.githubOps],
      slackMethods: [...asked.slackMethods, ...approved.slackMethods],
    };
  };
  const cold = await runOne();
  const warm: RestoreRun[] = [];
  for (let i = 0; i < warmCount; i += 1) warm.push(await runOne());
  return { cold, warm };
}
