// "Command → card posted, cold": a fresh HTTP-function process answers a signed slash command and hands it off
// with a signed Invoke; the Lambda stand-in starts a fresh worker process with the job, as Lambda starts a cold
// container; the worker reads its secrets from the SSM stand-in, writes to dynalite, asks the GitHub stand-in
// (installation, token, pre-check, as when nothing is cached) and posts the card to the Slack stand-in. Beside it,
// the minimal Bolt app, cold, answering the same command by posting a message from its listener.
import type { SlackCall } from "../simulators/slack/types.js";
import { ORG } from "./benchStage.js";
import { runChild, signedCommandEvent, type ChildRun, type ColdStartSetup } from "./coldStart.js";
import type { NodeBinary } from "./lambdaNode.js";

export interface CardRun {
  /** spawn() of the HTTP function → the card's chat.postMessage reaching the Slack stand-in. */
  cardMs: number;
  /** spawn() of the HTTP function → its answer; then the Invoke → worker spawn; then the worker's own milestones. */
  ackMs: number;
  workerSpawnMs: number;
  workerImportedMs: number;
  /** GitHub operations of the whole job (the approval path makes none after the card and its pre-check). */
  githubOps: string[];
  /** Slack Web API methods called before the card. */
  slackBeforeCard: string[];
}

export interface BoltCardRun {
  /** spawn() of the Bolt app → its chat.postMessage reaching the Slack stand-in. */
  messageMs: number;
}

let packages = 0;

/** One round of our two functions; throws unless the card for this command was posted. */
export async function runCard(setup: ColdStartSetup, node: NodeBinary): Promise<CardRun> {
  const { stage } = setup;
  const name = `card-bench-${++packages}`;
  stage.github.addPackage(ORG, { type: "npm", name, deletedAt: new Date(Date.now() - 86_400_000) });
  const slackBefore = stage.slack.calls.length;
  const githubBefore = stage.github.calls.length;
  let worker: ChildRun | undefined;
  stage.setWorker(async (event) => {
    worker = await runChild(setup, "worker", node, event);
  });
  const event = signedCommandEvent(`${ORG} npm ${name} removed by the cleanup job`, stage.slack.newResponseUrl());
  const http = await runChild(setup, "http", node, event);
  await stage.lambda.idle();
  stage.setWorker(async () => {});
  if (stage.lambda.deadLetters.length > 0) {
    throw new Error(`the worker failed every try: ${JSON.stringify(stage.lambda.deadLetters.at(-1)?.error)}`);
  }
  if (worker === undefined) throw new Error("the Lambda stand-in never started the worker");
  const calls = stage.slack.calls.slice(slackBefore);
  const card = calls.findIndex((call) => isCardFor(call, name));
  if (card < 0) {
    throw new Error(
      `no card for ${name}: ${JSON.stringify(calls.map((call) => [call.method, call.error]))}\n${worker.stderr}`,
    );
  }
  const cardAt = calls[card]!.at;
  return {
    cardMs: cardAt - http.spawnedAtEpochMs,
    ackMs: http.answerMs,
    workerSpawnMs: worker.spawnedAtEpochMs - http.spawnedAtEpochMs,
    workerImportedMs: worker.spawnedAtEpochMs - http.spawnedAtEpochMs + worker.bootMs + worker.importMs,
    githubOps: stage.github.calls
      .slice(githubBefore)
      .map((call) => call.operationId ?? `${call.method} ${call.rawPath}`),
    slackBeforeCard: calls.slice(0, card).map((call) => call.method),
  };
}

/** One cold start of the minimal Bolt app posting its message. */
export async function runBoltCard(setup: ColdStartSetup, node: NodeBinary): Promise<BoltCardRun> {
  const { stage } = setup;
  const marker = `bolt-bench-${++packages}`;
  const before = stage.slack.calls.length;
  const bolt = await runChild(setup, "boltCard", node, signedCommandEvent(`${ORG} npm ${marker}`));
  const posted = stage.slack.calls
    .slice(before)
    .find((call) => call.method === "chat.postMessage" && call.ok && String(call.args.text).includes(marker));
  if (posted === undefined) throw new Error(`the Bolt app posted no message for ${marker}:\n${bolt.stderr}`);
  return { messageMs: posted.at - bolt.spawnedAtEpochMs };
}

function isCardFor(call: SlackCall, name: string): boolean {
  return call.method === "chat.postMessage" && call.ok && JSON.stringify(call.args.blocks ?? []).includes(name);
}

export interface CardRounds {
  ours: CardRun[];
  bolt: BoltCardRun[];
}

/** Rounds alternating which goes first, after one unrecorded warm-up of each. */
export async function measureCards(setup: ColdStartSetup, node: NodeBinary, rounds: number): Promise<CardRounds> {
  await runCard(setup, node);
  await runBoltCard(setup, node);
  const result: CardRounds = { ours: [], bolt: [] };
  for (let round = 0; round < rounds; round += 1) {
    if (round % 2 === 0) {
      result.ours.push(await runCard(setup, node));
      result.bolt.push(await runBoltCard(setup, node));
    } else {
      result.bolt.push(await runBoltCard(setup, node));
      result.ours.push(await runCard(setup, node));
    }
  }
  return result;
}
