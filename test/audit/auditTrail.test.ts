// The audit trail end to end: every event kind in all three sinks (DynamoDB, Powertools log
// lines, the audit channel), Slack failing while the record survives, and history permissions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEvent, AuditEventKind } from "../../src/domain/audit/auditEvent.js";
import { parseCommand } from "../../src/domain/command/parseCommand.js";
import { commandBody } from "../../local/simulators/slack/slackRequests.js";
import { startTestStack, type TestStack } from "../support/startTestStack.js";

const AUDIT_CHANNEL = "C0AUDIT";
let stack: TestStack;
let packages = 0;

beforeAll(async () => {
  stack = await startTestStack({
    RESTORE_APPROVERS: "U0APPROVER1",
    RESTORE_REQUESTERS: "U0REQUESTER U0OTHER",
    AUDIT_CHANNEL_ID: AUDIT_CHANNEL,
  });
});
afterAll(async () => stack.close());

function deletedPackage(): string {
  const name = `audited-${++packages}`;
  stack.github.addPackage("acme", { type: "npm", name, deletedAt: new Date(Date.now() - 86_400_000) });
  return name;
}

async function request(name: string, userId = "U0REQUESTER") {
  await stack.command(`acme npm ${name} audit me`, { userId });
  const card = stack.slack.messages("C0RESTORE").find((message) => JSON.stringify(message.blocks).includes(name));
  const requestId = /request `([^`]+)`/.exec(JSON.stringify(card?.blocks))?.[1];
  if (card === undefined || requestId === undefined) throw new Error(`no card for ${name}`);
  return { card, requestId };
}

/** The event in all three sinks: the DynamoDB record, one log line, one audit channel line. */
async function expectInAllSinks(requestId: string, kind: AuditEventKind): Promise<AuditEvent> {
  const records = (await stack.auditStore.byRequest(requestId)).filter((event) => event.event === kind);
  expect(records, `${kind} records for ${requestId}`).toHaveLength(1);
  const record = records[0]!;
  const lines = stack.logs.filter(
    (line) => line.message === `audit: ${kind}` && (line.audit as AuditEvent).eventId === record.eventId,
  );
  expect(lines, `${kind} log lines`).toHaveLength(1);
  expect(lines[0]!.audit).toEqual(record);
  const posts = stack.slack
    .messages(AUDIT_CHANNEL)
    .filter(
      (message) =>
        message.text?.includes(`*${kind.replace("_", " ")}*`) && message.text.includes(record.packageName ?? "?"),
    );
  expect(posts.length, `${kind} audit channel lines`).toBeGreaterThanOrEqual(1);
  return record;
}

describe("every event kind reaches all three sinks", () => {
  it("requested, approved, restore started, restored: with actor, requester, package, reason, GitHub's answer and the thread", async () => {
    const name = deletedPackage();
    const { card, requestId } = await request(name);
    await stack.click({ action: "approve", card, userId: "U0APPROVER1" });

    const requested = await expectInAllSinks(requestId, "requested");
    expect(requested).toMatchObject({
      actor: { userId: "U0REQUESTER" },
      requester: { userId: "U0REQUESTER", teamId: "T0001" },
      org: "acme",
      packageType: "npm",
      packageName: name,
      reason: "audit me",
    });
    expect((await expectInAllSinks(requestId, "approved")).actor?.userId).toBe("U0APPROVER1");
    await expectInAllSinks(requestId, "restore_started");
    const restored = await expectInAllSinks(requestId, "restored");
    expect(restored.github).toMatchObject({
      outcome: "restored",
      status: 204,
      requestId: expect.stringMatching(/^[0-9A-F:]+$/),
    });
    expect(restored.threadLink).toBe(`https://sim-t0001.slack.com/archives/C0RESTORE/p${card.ts.replace(".", "")}`);
    const line = stack.slack
      .messages(AUDIT_CHANNEL)
      .find((message) => message.text?.includes("*restored*") && message.text.includes(name))!;
    expect(line.text).toContain(`|thread>`);
    expect(line.text).toContain("GitHub 204");
  });

  it("restore failed, with GitHub's status and message", async () => {
    const { card, requestId } = await request("reused");
    await stack.click({ action: "approve", card, userId: "U0APPROVER1" });
    const failed = await expectInAllSinks(requestId, "restore_failed");
    expect(failed.github).toMatchObject({
      outcome: "name_in_use",
      status: 409,
      message: expect.stringContaining("active package"),
    });
  });

  it.each([
    ["denied", "deny", "U0APPROVER1"],
    ["cancelled", "cancel", "U0REQUESTER"],
  ] as const)("%s", async (kind, action, userId) => {
    const { card, requestId } = await request(deletedPackage());
    await stack.click({ action, card, userId });
    expect((await expectInAllSinks(requestId, kind)).actor?.userId).toBe(userId);
  });

  it("refused: a requester who is not allowed", async () => {
    await stack.command(`acme npm ${deletedPackage()}`, { userId: "U0STRANGER" });
    const refused = (await stack.auditStore.between(new Date(Date.now() - 60_000), new Date())).filter(
      (event) => event.event === "refused" && event.actor?.userId === "U0STRANGER",
    );
    expect(refused).toHaveLength(1);
    expect(refused[0]!.decision).toBe("requester_not_allowed");
    await expectInAllSinks(refused[0]!.requestId, "refused");
  });

  it("refused: bad input about an org the bot serves, though the user was answered at once", async () => {
    const ack = await stack.command("acme pypi requests", { userId: "U0OTHER" });
    expect(ack.json?.text).toContain("is not a package type");
    const refused = (await stack.auditStore.between(new Date(Date.now() - 60_000), new Date())).filter(
      (event) => event.decision === "bad_input_type",
    );
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({
      actor: { userId: "U0OTHER" },
      org: "acme",
      packageType: "pypi",
      packageName: "requests",
    });
    await expectInAllSinks(refused[0]!.requestId, "refused");
  });

  it("refused: an Approve click by someone who is not an approver", async () => {
    const { card, requestId } = await request(deletedPackage());
    await stack.click({ action: "approve", card, userId: "U0OTHER" });
    const refused = await expectInAllSinks(requestId, "refused");
    expect(refused).toMatchObject({
      actor: { userId: "U0OTHER" },
      requester: { userId: "U0REQUESTER" },
      decision: "approve_by_non_approver",
    });
  });

  it("expired", async () => {
    const short = await startTestStack({
      RESTORE_APPROVERS: "U0APPROVER1",
      RESTORE_REQUEST_TTL: "1s",
      AUDIT_CHANNEL_ID: AUDIT_CHANNEL,
    });
    try {
      await short.command("acme npm left-pad");
      const card = short.slack.messages("C0RESTORE")[0]!;
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await short.click({ action: "approve", card, userId: "U0APPROVER1" });
      const events = await short.auditStore.between(new Date(Date.now() - 60_000), new Date());
      const expired = events.filter((event) => event.event === "expired");
      expect(expired).toHaveLength(1);
      expect(expired[0]!.actor).toBeUndefined();
      expect(short.logs.filter((line) => line.message === "audit: expired")).toHaveLength(1);
      expect(
        short.slack
          .messages(AUDIT_CHANNEL)
          .some((message) => message.text?.includes("*expired*") && message.text.includes("by nobody")),
      ).toBe(true);
    } finally {
      await short.close();
    }
  });
});

describe("when Slack fails", () => {
  it("keeps the DynamoDB record and the log line, retries the channel post, then logs the failure", async () => {
    const { card, requestId } = await request(deletedPackage());
    stack.slack.failNext("chat.postMessage", { status: 429, retryAfter: 0 }, 3);
    await stack.click({ action: "approve", card, userId: "U0OTHER" });
    const records = (await stack.auditStore.byRequest(requestId)).filter((event) => event.event === "refused");
    expect(records).toHaveLength(1);
    expect(
      stack.logs.filter(
        (line) => line.message === "audit: refused" && (line.audit as AuditEvent).requestId === requestId,
      ),
    ).toHaveLength(1);
    const failure = stack.logs.find(
      (line) =>
        line.message === "Audit channel post failed; the audit record is stored" &&
        line.eventId === records[0]!.eventId,
    );
    expect(failure).toMatchObject({ attempts: 3, reason: "ratelimited" });
  });

  it("does not write an event twice when the same command job is delivered again", async () => {
    const name = deletedPackage();
    const { card, requestId } = await request(name);
    await stack.click({ action: "approve", card, userId: "U0APPROVER1" });
    const before = await stack.auditStore.byRequest(requestId);
    expect(before.map((event) => event.event)).toEqual(["requested", "approved", "restore_started", "restored"]);
    const text = `acme npm ${name} audit me`;
    const body = commandBody({ text, responseUrl: stack.slack.newResponseUrl() });
    await stack.worker.runJob({
      id: requestId,
      receivedAt: new Date().toISOString(),
      slack: { kind: "command", body },
      parsed: { v: 1, command: parseCommand(text) },
    });
    expect(await stack.auditStore.byRequest(requestId)).toEqual(before);
  });
});

describe("/restore-package history", () => {
  it("shows requesters their own requests and approvers everyone's, newest first", async () => {
    await request(deletedPackage(), "U0OTHER");
    await stack.command("history 50", { userId: "U0OTHER" });
    const own = stack.privateTo("U0OTHER").at(-1) ?? "";
    expect(own).toContain("yours:");
    expect(own).toContain("<@U0OTHER>");
    expect(own).not.toContain("asked by <@U0REQUESTER>");

    await stack.command("history acme 50", { userId: "U0APPROVER1" });
    const all = stack.privateTo("U0APPROVER1").at(-1) ?? "";
    expect(all).toContain("everyone's (you are an approver)");
    expect(all).toContain("asked by <@U0OTHER>");
    expect(all).toContain("asked by <@U0REQUESTER>");
    expect(all).toMatch(/\|card>/);
  });

  it("limits the count and filters by org", async () => {
    await stack.command("history 1", { userId: "U0APPROVER1" });
    expect((stack.privateTo("U0APPROVER1").at(-1) ?? "").split("\n•")).toHaveLength(2);
    await stack.command("history globex", { userId: "U0APPROVER1" });
    expect(stack.privateTo("U0APPROVER1").at(-1)).toContain("No restore requests in globex");
  });
});
