// The approval flow end to end, with dynalite as the store: signed commands and clicks through
// the real HTTP handler and the Bolt worker, against the Slack and GitHub simulators.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { WorkerJob } from "../../src/handoff/workerJob.js";
import { clickPayload, postSigned } from "../../local/simulators/slack/slackRequests.js";
import { startTestStack, type TestStack } from "../support/startTestStack.js";

const RESTORE = "packages/restore-package-for-org";
const CROWD = Array.from({ length: 20 }, (_, index) => `U0CROWD${String(index).padStart(2, "0")}`);
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ RESTORE_APPROVERS: "U0APPROVER1 U0APPROVER2 U0REQUESTER S0APPROVERS" });
  stack.slack.setUserGroups({ S0APPROVERS: [...CROWD, "U0GROUPIE"] });
});
afterAll(async () => stack.close());
beforeEach(() => {
  stack.slack.reset();
  stack.github.reset();
});

let packages = 0;
function deletedPackage(): string {
  const name = `approval-${++packages}`;
  stack.github.addPackage("acme", { type: "npm", name, deletedAt: new Date(Date.now() - 86_400_000) });
  return name;
}

async function openRequest(name = deletedPackage(), requester = "U0REQUESTER") {
  const ack = await stack.command(`acme npm ${name} removed by the cleanup job`, { userId: requester });
  expect(ack.json?.text).toContain("Got it: asking for approval to restore the npm package");
  const card = stack.slack.messages("C0RESTORE").at(-1);
  if (card === undefined) throw new Error("no card was posted");
  return { name, card };
}

const restoreCalls = () => stack.github.calls.filter((call) => call.operationId === RESTORE);
/** Calls that could change a package; the pre-check before the card only reads. */
const packageWrites = (github = stack.github) =>
  github.calls.filter((call) => call.operationId?.startsWith("packages/") && call.method !== "GET");
const latest = (ts: string) => stack.slack.messages("C0RESTORE").find((message) => message.ts === ts)!;
const replies = (ts: string) => stack.slack.thread("C0RESTORE", ts);

describe("a request waiting for approval", () => {
  it("shows requester, package, reason, expiry and the three buttons, and only reads from GitHub (the pre-check)", async () => {
    const { name, card } = await openRequest();
    const json = JSON.stringify(card.blocks);
    for (const text of [
      "<@U0REQUESTER>",
      name,
      "removed by the cleanup job",
      "Waiting for approval",
      "expires",
      "restore_approve",
      "restore_deny",
      "restore_cancel",
    ]) {
      expect(json).toContain(text);
    }
    expect(json).toContain('"confirm"');
    expect(packageWrites()).toEqual([]);
    expect(
      stack.github.calls.filter((call) => call.operationId?.startsWith("packages/")).map((call) => call.operationId),
    ).toEqual(["packages/get-package-for-organization"]);
  });

  it("restores once an approver approves: buttons gone, who and when on the card, the outcome in the thread", async () => {
    const { card } = await openRequest();
    expect(await stack.click({ action: "approve", card, userId: "U0APPROVER1" })).toMatchObject({
      status: 200,
      text: "",
    });
    expect(restoreCalls()).toHaveLength(1);
    const updated = JSON.stringify(latest(card.ts).blocks);
    expect(updated).not.toContain("restore_approve");
    expect(updated).toMatch(/Approved by <@U0APPROVER1> <!date\^\d+/);
    expect(updated).toContain(":white_check_mark: Restored");
    expect(replies(card.ts).map((reply) => reply.text)).toEqual([
      expect.stringMatching(/^:white_check_mark: <@U0REQUESTER> Restored .*\(approved by <@U0APPROVER1>\)$/),
    ]);
  });

  it("lets a member of an approvers' user group approve", async () => {
    const { card } = await openRequest();
    await stack.click({ action: "approve", card, userId: "U0GROUPIE" });
    expect(restoreCalls()).toHaveLength(1);
  });

  it("denies: no restore, the card says who denied, the thread tells the requester", async () => {
    const { card } = await openRequest();
    await stack.click({ action: "deny", card, userId: "U0APPROVER2" });
    expect(packageWrites()).toEqual([]);
    expect(JSON.stringify(latest(card.ts).blocks)).toMatch(/Denied by <@U0APPROVER2>/);
    expect(replies(card.ts)[0]?.text).toContain("<@U0REQUESTER> The restore of the npm package");
    expect(replies(card.ts)[0]?.text).toContain("denied by <@U0APPROVER2>");
  });

  it("lets only the requester cancel", async () => {
    const { card } = await openRequest();
    await stack.click({ action: "cancel", card, userId: "U0APPROVER1" });
    expect(stack.privateTo("U0APPROVER1").at(-1)).toContain("Only the person who asked can cancel");
    await stack.click({ action: "cancel", card, userId: "U0REQUESTER" });
    expect(JSON.stringify(latest(card.ts).blocks)).toContain("Cancelled by <@U0REQUESTER>");
    expect(packageWrites()).toEqual([]);
  });

  it("never lets the requester approve, even when they are an approver", async () => {
    const { card } = await openRequest();
    await stack.click({ action: "approve", card, userId: "U0REQUESTER" });
    expect(stack.privateTo("U0REQUESTER").at(-1)).toContain("You can't approve your own request");
    expect(JSON.stringify(latest(card.ts).blocks)).toContain("restore_approve");
    expect(packageWrites()).toEqual([]);
  });

  it("refuses someone who is not an approver and changes nothing", async () => {
    const { card } = await openRequest();
    const before = stack.slack.calls.length;
    await stack.click({ action: "approve", card, userId: "U0OUTSIDER" });
    expect(stack.privateTo("U0OUTSIDER").at(-1)).toContain(
      "You can't approve this: only the approvers listed in RESTORE_APPROVERS can.",
    );
    expect(stack.slack.calls.slice(before).filter((call) => call.method === "chat.update")).toHaveLength(0);
    expect(packageWrites()).toEqual([]);
  });

  it("points a second request for the same package to the first card instead of opening another", async () => {
    const { name, card } = await openRequest();
    await stack.command(`acme npm ${name}`, { userId: "U0SECOND" });
    expect(stack.slack.messages("C0RESTORE")).toHaveLength(1);
    const told = stack.privateTo("U0SECOND").at(-1) ?? "";
    expect(told).toContain("is already waiting for approval");
    expect(told).toContain(`/archives/C0RESTORE/p${card.ts.replace(".", "")}`);
  });
});

describe("races and redeliveries", () => {
  it("20 simultaneous Approve clicks from different approvers: one restore, one reply, 19 told who won", async () => {
    const { card } = await openRequest();
    const clicks = CROWD.map((userId) =>
      postSigned(
        stack.url,
        stack.signingSecret,
        clickPayload({ action: "approve", card, userId, responseUrl: stack.slack.newResponseUrl() }),
      ),
    );
    expect((await Promise.all(clicks)).every((answer) => answer.status === 200)).toBe(true);
    await stack.handOff.idle();

    expect(restoreCalls()).toHaveLength(1);
    expect(replies(card.ts)).toHaveLength(1);
    const losers = stack.slack.responses.map((response) => String(response.body.text));
    expect(losers).toHaveLength(19);
    const winner = /Approved by <@(U0CROWD\d\d)>/.exec(JSON.stringify(latest(card.ts).blocks))?.[1];
    expect(winner).toBeDefined();
    expect(losers.every((text) => text === `This request was already approved by <@${winner}>; nothing changed.`)).toBe(
      true,
    );
  });

  it("a redelivered click job restores nothing a second time", async () => {
    const { card } = await openRequest();
    const body = JSON.parse(
      clickPayload({ action: "approve", card, userId: "U0APPROVER1", responseUrl: stack.slack.newResponseUrl() })
        .payload!,
    ) as Record<string, unknown>;
    const job: WorkerJob = {
      id: "click-redelivered-1",
      receivedAt: new Date().toISOString(),
      slack: { kind: "interaction", body },
    };
    await stack.worker.runJob(job);
    await stack.worker.runJob(structuredClone(job));
    expect(restoreCalls()).toHaveLength(1);
    expect(replies(card.ts)).toHaveLength(1);
    expect(stack.slack.responses).toHaveLength(0);
  });

  it("refuses a button whose value names another request", async () => {
    const first = await openRequest();
    const second = await openRequest();
    const firstId = JSON.stringify(first.card.blocks).match(/"value":"([^"]+)"/)?.[1];
    await stack.click({ action: "approve", card: second.card, userId: "U0APPROVER1", value: firstId! });
    expect(stack.privateTo("U0APPROVER1").at(-1)).toContain("That button doesn't belong to this request's card");
    expect(packageWrites()).toEqual([]);
  });

  it("refuses a click from another Slack workspace", async () => {
    const { card } = await openRequest();
    await stack.click({ action: "approve", card, userId: "U0APPROVER1", teamId: "T0OTHER" });
    expect(stack.privateTo("U0APPROVER1").at(-1)).toContain("belongs to another Slack workspace");
    expect(packageWrites()).toEqual([]);
  });
});

describe("expiry", () => {
  it("refuses a click after RESTORE_REQUEST_TTL and turns the card to expired, with no scheduled job", async () => {
    const short = await startTestStack({ RESTORE_APPROVERS: "U0APPROVER1", RESTORE_REQUEST_TTL: "1s" });
    try {
      await short.command("acme npm left-pad");
      const card = short.slack.messages("C0RESTORE")[0]!;
      await new Promise((resolve) => setTimeout(resolve, 1200));
      await short.click({ action: "approve", card, userId: "U0APPROVER1" });
      expect(packageWrites(short.github)).toEqual([]);
      expect(short.privateTo("U0APPROVER1").at(-1)).toContain("This request has expired");
      const expired = JSON.stringify(short.slack.messages("C0RESTORE")[0]!.blocks);
      expect(expired).toContain("Expired");
      expect(expired).not.toContain("restore_approve");
      expect(short.slack.thread("C0RESTORE", card.ts)[0]?.text).toContain("so the request expired");
      // The package is free for a new request.
      await short.command("acme npm left-pad");
      expect(short.slack.messages("C0RESTORE")).toHaveLength(2);
    } finally {
      await short.close();
    }
  });
});

describe("RESTORE_APPROVAL_CHANNEL", () => {
  it("posts the card in the approvers' channel and sends the requester a link", async () => {
    const routed = await startTestStack({ RESTORE_APPROVERS: "U0APPROVER1", RESTORE_APPROVAL_CHANNEL: "C0APPROVERS" });
    try {
      await routed.command("acme npm left-pad", { channelId: "C0TEAM" });
      expect(routed.slack.messages("C0TEAM")).toHaveLength(0);
      const [card] = routed.slack.messages("C0APPROVERS");
      expect(card).toBeDefined();
      expect(routed.privateTo("U0REQUESTER").at(-1)).toContain(
        `waiting for approval in the approvers' channel: https://`,
      );
      await routed.click({ action: "approve", card: card!, userId: "U0APPROVER1" });
      expect(routed.slack.thread("C0APPROVERS", card!.ts)[0]?.text).toContain("<@U0REQUESTER> Restored");
    } finally {
      await routed.close();
    }
  });
});
