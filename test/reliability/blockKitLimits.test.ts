// Long names and long version labels through the real handlers, worker and simulators: each still
// gets its card, its listing and its outcome reply, shortened with "…" where Slack's limits need it,
// and Slack (the simulator, which refuses what Slack refuses) never answers invalid_blocks.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { REQUEST_VERSION_ACTION } from "../../src/slack/actionIds.js";
import type { SimPackageVersion } from "../../local/simulators/github/startGitHubSimulator.js";
import { validateBlocks } from "../../local/simulators/slack/blockKit.js";
import { plainTexts } from "../support/blockText.js";
import { startTestStack, type TestStack } from "../support/startTestStack.js";

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);
const digest = (seed: number) => `sha256:${seed.toString(16).padStart(64, "0")}`;

type Button = {
  action_id: string;
  value: string;
  text: { text: string };
  confirm?: { title: { text: string }; text: { text: string } };
};
type Block = { type: string; block_id?: string; text?: { text: string }; accessory?: Button; elements?: Button[] };

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ RESTORE_APPROVERS: "U0APPROVER1" });
});
afterAll(async () => stack.close());
beforeEach(() => {
  stack.slack.reset();
  stack.github.reset();
});

let packages = 0;
/** A container name as long as the command parser lets through (255): GitHub publishes no limit, and container names may nest with `/`. */
function longName(): string {
  const start = `limits-${++packages}/platform/build-cache/`;
  return `${start + "layer-".repeat(50).slice(0, 255 - start.length - 1)}z`;
}

/** Fourteen tags of 40 characters: far more than fit in a confirm dialog's 300 characters. */
function manyTags(id: number): string[] {
  return Array.from({ length: 14 }, (_, index) => `release-2026.11.${index}-build.${id}`.padEnd(40, "x"));
}

function taggedPackage(count = 1): { name: string; versions: SimPackageVersion[] } {
  const name = `limits-${++packages}/app`;
  const versions = Array.from(
    { length: count },
    (_, index): SimPackageVersion => ({
      id: 7700 + packages * 100 + index,
      name: digest(packages * 100 + index),
      tags: manyTags(index),
      deletedAt: ago(1),
    }),
  );
  stack.github.addPackage("acme", { type: "container", name, versions });
  return { name, versions };
}

function cardIn(channel = "C0RESTORE") {
  const card = stack.slack.messages(channel).at(-1);
  if (card === undefined)
    throw new Error(
      `no card was posted; Slack calls: ${stack.slack.calls.map((call) => `${call.method}${call.ok ? "" : `(${call.error})`}`).join(", ")}`,
    );
  return card;
}

function approveButton(blocks: unknown): Button {
  const actions = (blocks as Block[]).find((block) => block.type === "actions");
  const approve = actions?.elements?.find((element) => element.action_id === "restore_approve");
  if (approve?.confirm === undefined) throw new Error("the card has no Approve button with a confirm dialog");
  return approve;
}

/** Approves the card and returns the thread reply; every Slack call on the way must have been accepted. */
async function approveAndReply(card: ReturnType<typeof cardIn>) {
  await stack.click({ action: "approve", card, userId: "U0APPROVER1" });
  const reply = stack.slack.thread(card.channel, card.ts).at(-1);
  expect(reply?.text).toMatch(/^:white_check_mark: <@U0\w+> Restored the /);
  expect(
    JSON.stringify(stack.slack.messages(card.channel).find((message) => message.ts === card.ts)?.blocks),
  ).toContain(":white_check_mark: Restored");
  expect(stack.slack.calls.filter((call) => !call.ok)).toEqual([]);
  return reply!;
}

describe("a container name of 255 characters", () => {
  it("gets its card, with the name shortened with … in the confirm dialog only, and the outcome reply", async () => {
    const name = longName();
    expect(name).toHaveLength(255);
    stack.github.addPackage("acme", { type: "container", name, deletedAt: ago(2) });

    await stack.command(`acme container ${name} cleanup removed it`);
    const card = cardIn();
    expect(validateBlocks(card.blocks!)).toEqual([]);
    expect(JSON.stringify(card.blocks)).toContain(`*Package*\\n\`${name}\``);
    const confirm = approveButton(card.blocks).confirm!;
    expect(confirm.text.text.length).toBeLessThanOrEqual(300);
    expect(confirm.text.text).toMatch(
      /^GitHub will restore the container package `limits-\d+\/platform\/build-cache\/layer-layer-.*…` in acme as it was when it was deleted\.$/,
    );

    await approveAndReply(card);
    expect(stack.github.restoreCalls()).toHaveLength(1);
  });
});

describe("a version carrying fourteen long tags", () => {
  it("asked for by version=<ID>: its card and outcome reply, the tags shortened with …", async () => {
    const { name, versions } = taggedPackage();
    const id = versions[0]!.id;
    await stack.command(`acme container ${name} version=${id}`);
    const card = cardIn();
    expect(validateBlocks(card.blocks!)).toEqual([]);
    const confirm = approveButton(card.blocks).confirm!;
    expect(confirm.text.text).toMatch(
      new RegExp(
        `^GitHub will restore the version \`release-2026\\.11\\.0-build\\.0x+, .*…\` \\(ID ${id}\\) of container package \`${name}\` in acme as it was when it was deleted\\.$`,
      ),
    );
    expect(confirm.text.text.length).toBeLessThanOrEqual(300);

    await approveAndReply(card);
    expect(stack.github.restoreCalls().map((call) => call.params.package_version_id)).toEqual([String(id)]);
  });

  it("asked for by tag=: its card and outcome reply", async () => {
    const { name, versions } = taggedPackage();
    await stack.command(`acme container ${name} tag=${manyTags(0)[6]}`);
    const card = cardIn();
    expect(approveButton(card.blocks).confirm!.text.text).toContain("…");
    await approveAndReply(card);
    expect(stack.github.restoreCalls().map((call) => call.params.package_version_id)).toEqual([
      String(versions[0]!.id),
    ]);
  });

  it("in a versions listing: the listing, then a Request restore button's card and its outcome reply", async () => {
    const { name, versions } = taggedPackage(25);
    await stack.command(`versions acme container ${name}`);
    const [listing] = stack.privateMessagesTo("U0REQUESTER");
    if (listing === undefined) throw new Error("no listing was shown");
    const blocks = listing.blocks as Block[];
    expect(validateBlocks(blocks)).toEqual([]);
    expect(blocks.length).toBeLessThanOrEqual(50);
    const newest = versions.at(-1)!;
    const section = blocks.find((block) => block.block_id === `version_${newest.id}`)!;
    expect(section.text!.text).toContain("`release-2026.11.0-build.24");
    expect(section.accessory).toMatchObject({
      action_id: REQUEST_VERSION_ACTION,
      value: `acme container ${name} version=${newest.id}`,
    });

    await stack.press({
      button: section.accessory!,
      blockId: section.block_id!,
      userId: "U0REQUESTER",
      channel: "C0RESTORE",
      ephemeral: true,
    });
    const card = cardIn();
    expect(plainTexts(card.blocks).join("\n")).toContain("Restore this version?");
    expect(approveButton(card.blocks).confirm!.text.text).toContain("…");
    await approveAndReply(card);
    expect(stack.github.restoreCalls().map((call) => call.params.package_version_id)).toEqual([String(newest.id)]);
  });
});
