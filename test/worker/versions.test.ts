// Single-version restores end to end: signed commands and clicks through the HTTP handler,
// the hand-off and the Bolt worker, against the Slack and GitHub simulators and dynalite.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RequestRecord } from "../../src/domain/request/requestRecord.js";
import { REQUEST_VERSION_ACTION } from "../../src/slack/actionIds.js";
import type { SimPackageVersion } from "../../local/simulators/github/startGitHubSimulator.js";
import { startTestStack, type TestStack } from "../support/startTestStack.js";

const RESTORE_VERSION = "packages/restore-package-version-for-org";
const LIST = "packages/get-all-package-versions-for-package-owned-by-org";
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);
const digest = (label: string) => `sha256:${Buffer.from(label).toString("hex").padEnd(64, "0").slice(0, 64)}`;

type Block = {
  type: string;
  block_id?: string;
  text?: { text: string };
  elements?: Array<{ text: string }>;
  fields?: Array<{ text: string }>;
  accessory?: { action_id: string; value: string };
};

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ RESTORE_APPROVERS: "U0APPROVER1" });
});
afterAll(async () => stack.close());
beforeEach(() => {
  stack.slack.reset();
  stack.github.reset();
  stack.github.appTokensOnPackages = "allowed";
});

let packages = 0;
/** A package of its own for each test, so tests never share a pending slot or a restored version. */
function addPackage(type: "npm" | "container", versions: SimPackageVersion[], deletedAt?: Date): string {
  const name = type === "container" ? `vtest/app-${++packages}` : `vtest-${++packages}`;
  stack.github.addPackage("acme", { type, name, versions, ...(deletedAt ? { deletedAt } : {}) });
  return name;
}

function lastCard(channel = "C0RESTORE") {
  const card = stack.slack.messages(channel).at(-1);
  if (card === undefined) throw new Error("no card was posted");
  return { card, blocks: card.blocks as Block[], json: JSON.stringify(card.blocks) };
}

/** The pre-check's line on the card: the context block above the status line. */
function precheckLine(blocks: Block[]): string {
  const contexts = blocks.filter((block) => block.type === "context");
  expect(contexts).toHaveLength(2);
  return contexts[0]!.elements![0]!.text;
}

async function recordFor(packageName: string): Promise<RequestRecord> {
  const records = await stack.store.listRecent(200, new Date(Date.now() - DAY), new Date(Date.now() + 60_000));
  const record = records.find((candidate) => candidate.request.packageName === packageName);
  if (record === undefined) throw new Error(`no request for ${packageName}`);
  return record;
}

describe("restoring one version", () => {
  it("by version ID: the card names the version and what GitHub showed, and the approval restores that version only", async () => {
    const name = addPackage("npm", [
      { id: 8102, name: "2.0.0" },
      { id: 8101, name: "1.4.2", deletedAt: ago(2) },
    ]);
    const ack = await stack.command(`acme npm ${name} version=8101 the retention job`);
    expect(ack.json?.text).toContain(
      `Got it: asking for approval to restore the version ID 8101 of npm package \`${name}\` in acme`,
    );

    const { card, blocks, json } = lastCard();
    expect(json).toContain("*Version restore*");
    expect(json).toContain("*Version*\\n`1.4.2` · ID 8101");
    expect(precheckLine(blocks)).toBe(
      ":mag: GitHub lists version `1.4.2` (ID 8101) as deleted 2 days ago: it looks restorable.",
    );
    expect(stack.github.restoreCalls()).toEqual([]);

    await stack.click({ action: "approve", card, userId: "U0APPROVER1" });
    expect(stack.github.restoreCalls().map((call) => [call.operationId, call.rawPath, call.status])).toEqual([
      [RESTORE_VERSION, `/orgs/acme/packages/npm/${name}/versions/8101/restore`, 204],
    ]);
    expect(
      stack.github
        .packages("acme")
        .find((pkg) => pkg.name === name)
        ?.versions?.find((version) => version.id === 8101)?.deletedAt,
    ).toBeUndefined();
    expect(stack.slack.thread("C0RESTORE", card.ts)[0]?.text).toContain(
      `Restored the version \`1.4.2\` (ID 8101) of npm package \`${name}\` in acme.`,
    );

    const record = await recordFor(name);
    expect(record.request.target).toEqual({ kind: "version", versionId: 8101, label: "1.4.2" });
    const events = await stack.auditStore.byRequest(record.id);
    expect(events.map((event) => event.event)).toEqual(["requested", "approved", "restore_started", "restored"]);
    expect(events.every((event) => event.versionId === 8101)).toBe(true);
    expect(events.at(-1)).toMatchObject({ versionLabel: "1.4.2", github: { status: 204 } });
  });

  it("by container tag: resolved to the deleted image that carried it, sent with the name as one segment", async () => {
    const name = addPackage("container", [
      { id: 8203, name: digest("3"), tags: ["v1.5.0", "latest"] },
      { id: 8202, name: digest("2"), tags: ["v1.4.2"], deletedAt: ago(1) },
      { id: 8201, name: digest("1"), tags: ["v1.4.1"], deletedAt: ago(3) },
    ]);
    await stack.command(`acme container ${name} tag=v1.4.2`);
    const { card, json, blocks } = lastCard();
    expect(json).toContain("*Version*\\n`v1.4.2` · ID 8202");
    expect(precheckLine(blocks)).toContain("GitHub lists version `v1.4.2` (ID 8202) as deleted 1 day ago");
    expect(stack.github.calls.filter((call) => call.operationId === LIST).map((call) => call.query)).toEqual([
      { state: "deleted", page: "1", per_page: "100" },
    ]);

    await stack.click({ action: "approve", card, userId: "U0APPROVER1" });
    expect(stack.github.restoreCalls().map((call) => call.rawPath)).toEqual([
      `/orgs/acme/packages/container/${name.replace("/", "%2F")}/versions/8202/restore`,
    ]);
  });

  it("by npm version string, when it is not a number", async () => {
    const name = addPackage("npm", [
      { id: 8302, name: "1.4.3", deletedAt: ago(1) },
      { id: 8301, name: "1.4.2", deletedAt: ago(1) },
    ]);
    await stack.command(`acme npm ${name} version=1.4.2`);
    const { card } = lastCard();
    await stack.click({ action: "approve", card, userId: "U0APPROVER1" });
    expect(stack.github.restoreCalls().map((call) => call.params.package_version_id)).toEqual(["8301"]);
  });

  it("refuses a tag no deleted version carries: told privately, recorded and audited as refused, no card", async () => {
    const name = addPackage("container", [
      { id: 8402, name: digest("live"), tags: ["latest"] },
      { id: 8401, name: digest("old"), tags: ["v1"], deletedAt: ago(1) },
    ]);
    await stack.command(`acme container ${name} tag=latest`);

    expect(stack.slack.messages()).toEqual([]);
    expect(stack.github.restoreCalls()).toEqual([]);
    const told = stack.privateTo("U0REQUESTER").at(-1) ?? "";
    expect(told).toContain(
      `GitHub lists no deleted version with tag \`latest\` of the container package \`${name}\` in acme`,
    );
    expect(told).toContain(`/restore-package versions acme container ${name}`);
    const record = await recordFor(name);
    expect(record).toMatchObject({ state: "refused", refusal: "version_not_found", reported: true });
    expect(
      (await stack.auditStore.byRequest(record.id)).map((event) => [event.event, event.decision, event.versionLabel]),
    ).toEqual([
      ["requested", undefined, "tag latest"],
      ["refused", "version_not_found", "tag latest"],
    ]);
  });
});

describe("/restore-package versions", () => {
  it("lists the deleted versions newest first, 20 a page, each with a Request restore button", async () => {
    const versions = Array.from(
      { length: 26 },
      (_, index): SimPackageVersion => ({
        id: 9000 + index,
        name: `1.0.${index}`,
        ...(index === 25 ? {} : { deletedAt: ago(1) }),
      }),
    );
    const name = addPackage("npm", versions);
    const ack = await stack.command(`versions acme npm ${name}`);
    expect(ack.json?.text).toBe(
      `:hourglass_flowing_sand: Looking up deleted versions of the npm package \`${name}\` in acme…`,
    );

    const [listing] = stack.privateMessagesTo("U0REQUESTER");
    expect(listing).toMatchObject({ response_type: "ephemeral", replace_original: false });
    const blocks = listing!.blocks as Block[];
    expect(blocks).toHaveLength(22);
    const sections = blocks.slice(1, -1);
    expect(sections.map((block) => block.block_id)).toEqual(
      Array.from({ length: 20 }, (_, index) => `version_${9024 - index}`),
    );
    expect(sections[0]!.text!.text).toMatch(/^`1\.0\.24` · deleted <!date\^\d+\^.*> · ID 9024$/);
    expect(sections[0]!.accessory).toMatchObject({
      action_id: REQUEST_VERSION_ACTION,
      value: `acme npm ${name} version=9024`,
    });
    expect(blocks.at(-1)!.elements![0]!.text).toContain(
      `Page 1 of 2 · next page: \`/restore-package versions acme npm ${name} 2\``,
    );
    expect(stack.github.calls.filter((call) => call.operationId === LIST).map((call) => call.query)).toEqual([
      { state: "deleted", page: "1", per_page: "20" },
    ]);

    await stack.command(`versions acme npm ${name} 2`);
    const page2 = stack.privateMessagesTo("U0REQUESTER")[1]!.blocks as Block[];
    expect(page2.slice(1, -1).map((block) => block.block_id)).toEqual([
      "version_9004",
      "version_9003",
      "version_9002",
      "version_9001",
      "version_9000",
    ]);
    expect(page2.at(-1)!.elements![0]!.text).not.toContain("next page");
    expect(stack.slack.messages()).toEqual([]);
  });

  it("opens the normal request for whoever clicks Request restore, in the channel of the listing", async () => {
    const name = addPackage("npm", [{ id: 9102, name: "3.1.0", deletedAt: ago(4) }]);
    await stack.command(`versions acme npm ${name}`, { channelId: "C0TEAM" });
    const button = (stack.privateMessagesTo("U0REQUESTER")[0]!.blocks as Block[])[1]!.accessory!;

    const answer = await stack.press({
      button,
      blockId: "version_9102",
      userId: "U0CLICKER",
      channel: "C0TEAM",
      ephemeral: true,
    });
    expect(answer).toMatchObject({ status: 200, text: "" });
    const { card, json, blocks } = lastCard("C0TEAM");
    expect(card.text).toBe(
      `<@U0CLICKER> asks to restore the version \`3.1.0\` (ID 9102) of npm package \`${name}\` in acme`,
    );
    expect(json).toContain("restore_approve");
    expect(precheckLine(blocks)).toContain("as deleted 4 days ago: it looks restorable.");
    const record = await recordFor(name);
    expect(record).toMatchObject({
      state: "pending",
      origin: "versions_button",
      requester: { userId: "U0CLICKER" },
      channelId: "C0TEAM",
    });

    await stack.click({ action: "approve", card, userId: "U0APPROVER1" });
    expect(stack.github.restoreCalls().map((call) => call.rawPath)).toEqual([
      `/orgs/acme/packages/npm/${name}/versions/9102/restore`,
    ]);
  });

  it("treats the button's value as untrusted command text: anything but a restore opens nothing", async () => {
    for (const value of ["history", `versions acme npm vtest-x`, "acme pypi x", ""]) {
      await stack.press({
        button: { action_id: REQUEST_VERSION_ACTION, value },
        userId: "U0CLICKER",
        channel: "C0TEAM",
        ephemeral: true,
      });
    }
    expect(stack.privateTo("U0CLICKER")).toEqual(
      Array(4).fill("I couldn't read that button, so nothing was done. Type the command instead."),
    );
    expect(stack.slack.messages()).toEqual([]);
    expect(stack.github.calls).toEqual([]);
  });

  it("says when the package itself is deleted, and offers the package restore instead", async () => {
    const name = addPackage("container", [{ id: 9201, name: digest("x"), tags: ["v1"] }], ago(2));
    await stack.command(`versions acme container ${name}`);
    const [offer] = stack.privateMessagesTo("U0REQUESTER");
    const [block] = offer!.blocks as Block[];
    expect(block!.text!.text).toContain(
      `GitHub shows no active container package \`${name}\` in acme, so it has no versions to list`,
    );
    expect(block!.text!.text).toContain("GitHub App token");
    expect(block!.accessory).toMatchObject({ action_id: REQUEST_VERSION_ACTION, value: `acme container ${name}` });

    await stack.press({ button: block!.accessory!, userId: "U0REQUESTER", channel: "C0RESTORE", ephemeral: true });
    const { card, json } = lastCard();
    expect(card.text).toBe(`<@U0REQUESTER> asks to restore the container package \`${name}\` in acme`);
    expect(json).toContain("*Package restore*");
  });

  it("answers an org the bot doesn't serve in the acknowledgement, without asking GitHub", async () => {
    const restricted = await startTestStack({ RESTORE_APPROVERS: "U0APPROVER1", RESTORE_ORGS: "acme" });
    try {
      const ack = await restricted.command("versions globex npm x");
      expect(ack.json?.text).toContain("This bot doesn't restore packages in globex.");
      expect(restricted.github.calls).toEqual([]);
      expect(restricted.slack.responses).toEqual([]);
    } finally {
      await restricted.close();
    }
  });
});

describe("the pre-check on the card", () => {
  it("package active: says a package restore would fail and suggests versions", async () => {
    const name = addPackage("npm", [{ id: 9301, name: "1.0.0" }]);
    await stack.command(`acme npm ${name}`);
    const { blocks, json } = lastCard();
    expect(precheckLine(blocks)).toBe(
      `:warning: GitHub shows this package as active: a package restore would fail. To bring back a deleted version, try \`/restore-package versions acme npm ${name}\`.`,
    );
    expect(json).toContain("restore_approve");
  });

  it("version not deleted: the version is not among the deleted ones", async () => {
    const name = addPackage("npm", [
      { id: 9402, name: "2.0.0" },
      { id: 9401, name: "1.0.0", deletedAt: ago(1) },
    ]);
    await stack.command(`acme npm ${name} version=9402`);
    expect(precheckLine(lastCard().blocks)).toBe(
      `:warning: GitHub doesn't list version ID 9402 among this package's deleted versions: it may be active or not exist, and the restore would fail. See \`/restore-package versions acme npm ${name}\`.`,
    );
  });

  it("could not check: GitHub refuses the App token, and the request still goes ahead", async () => {
    const name = addPackage("npm", [], ago(1));
    stack.github.appTokensOnPackages = "forbidden";
    await stack.command(`acme npm ${name}`);
    const { blocks, json } = lastCard();
    expect(precheckLine(blocks)).toBe(
      ":mag: Could not check with GitHub (GitHub answered 403: Resource not accessible by integration); the request can still go ahead.",
    );
    expect(json).toContain("restore_approve");
    expect((await recordFor(name)).state).toBe("pending");
  });

  it("restorable, and a version of a deleted package, with a classic PAT", async () => {
    const pat = await startTestStack({ RESTORE_APPROVERS: "U0APPROVER1", GITHUB_AUTH: "token" });
    try {
      pat.github.addPackage("acme", {
        type: "npm",
        name: "pat-gone",
        deletedAt: ago(1),
        versions: [{ id: 9501, name: "1.0.0" }],
      });
      await pat.command("acme npm pat-gone");
      const packageCard = pat.slack.messages("C0RESTORE").at(-1)!.blocks as Block[];
      expect(packageCard.filter((block) => block.type === "context")[0]!.elements![0]!.text).toBe(
        ":mag: GitHub shows no active package by this name, as expected for a deleted one: it looks restorable.",
      );

      await pat.command("acme npm pat-gone version=9501");
      const versionCard = pat.slack.messages("C0RESTORE").at(-1)!.blocks as Block[];
      expect(versionCard.filter((block) => block.type === "context")[0]!.elements![0]!.text).toBe(
        ":warning: GitHub shows no active npm package `pat-gone` in acme, so a version restore would fail. If the whole package was deleted, restore it with `/restore-package acme npm pat-gone`.",
      );
      expect(pat.github.calls.every((call) => call.auth === "pat")).toBe(true);
    } finally {
      await pat.close();
    }
  });
});
