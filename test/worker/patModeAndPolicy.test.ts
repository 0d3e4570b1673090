// PAT mode, requester and org allow-lists (with user groups), and redelivered hand-offs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCommand } from "../../src/domain/command/parseCommand.js";
import type { WorkerJob } from "../../src/handoff/workerJob.js";
import { LOCAL_PAT } from "../../local/localIdentities.js";
import { commandBody } from "../../local/simulators/slack/slackRequests.js";
import { startTestStack, type TestStack } from "../support/startTestStack.js";

const RESTORE = "packages/restore-package-for-org";
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({
    RESTORE_REQUIRE_APPROVAL: "false",
    GITHUB_AUTH: "token",
    RESTORE_REQUESTERS: "U0ALLOWED S0RELEASE",
    RESTORE_ORGS: "acme",
  });
  stack.slack.setUserGroups({ S0RELEASE: ["U0INGROUP"] });
});
afterAll(async () => stack.close());

function freshPackage(): string {
  const name = `pat-${Math.random().toString(36).slice(2, 8)}`;
  stack.github.addPackage("acme", { type: "npm", name, deletedAt: new Date(Date.now() - 3_600_000) });
  return name;
}

describe("PAT mode (GITHUB_AUTH=token)", () => {
  it("restores with the classic PAT and never asks for an installation", async () => {
    stack.github.reset();
    await stack.command(`acme npm ${freshPackage()}`, { userId: "U0ALLOWED" });
    // The pre-check looks first (404: no active package, as expected), then the restore.
    expect(stack.github.calls.map((call) => [call.operationId, call.auth, call.status])).toEqual([
      ["packages/get-package-for-organization", "pat", 404],
      [RESTORE, "pat", 204],
    ]);
  });

  it("does not retry a 401 and says the credentials were rejected", async () => {
    stack.github.reset();
    stack.slack.reset();
    stack.github.failNext(RESTORE, { status: 401, message: "Bad credentials" }, 5);
    await stack.command(`acme npm ${freshPackage()}`, { userId: "U0ALLOWED" });
    expect(stack.github.calls.filter((call) => call.operationId === RESTORE)).toHaveLength(1);
    const [card] = stack.slack.messages();
    expect(stack.slack.thread(card!.channel, card!.ts)[0]?.text).toContain("GitHub rejected the bot's credentials.");
  });

  it("never writes the PAT into a log line", () => {
    expect(stack.logs.length).toBeGreaterThan(0);
    expect(JSON.stringify(stack.logs)).not.toContain(LOCAL_PAT);
  });
});

describe("RESTORE_REQUESTERS and RESTORE_ORGS", () => {
  it("lets a member of an allowed user group restore", async () => {
    stack.github.reset();
    await stack.command(`acme npm ${freshPackage()}`, { userId: "U0INGROUP" });
    expect(stack.github.calls.filter((call) => call.operationId === RESTORE)).toHaveLength(1);
  });

  it("refuses anyone else privately, without posting or calling GitHub", async () => {
    stack.github.reset();
    stack.slack.reset();
    await stack.command(`acme npm ${freshPackage()}`, { userId: "U0STRANGER" });
    expect(stack.github.calls).toHaveLength(0);
    expect(stack.slack.messages()).toHaveLength(0);
    expect(String(stack.slack.responses[0]?.body.text)).toContain(
      "You're not on the list of people who may restore packages",
    );
  });

  it("refuses an org outside RESTORE_ORGS in the acknowledgement, before any hand-off", async () => {
    stack.slack.reset();
    const ack = await stack.command("globex npm thing", { userId: "U0ALLOWED" });
    expect(ack.json?.text).toContain("This bot doesn't restore packages in globex. It is set up for: acme.");
    expect(stack.slack.calls).toHaveLength(0);
    expect(
      stack.logs.some(
        (line) => line.message === "Handed a request to the worker" && JSON.stringify(line).includes("globex"),
      ),
    ).toBe(false);
  });
});

describe("a redelivered hand-off", () => {
  it("restores once and replies once, however often the same job arrives", async () => {
    stack.github.reset();
    stack.slack.reset();
    const text = `acme npm ${freshPackage()}`;
    const job: WorkerJob = {
      id: "redelivered-job-1",
      receivedAt: new Date().toISOString(),
      slack: {
        kind: "command",
        body: commandBody({ text, userId: "U0ALLOWED", responseUrl: stack.slack.newResponseUrl() }),
      },
      parsed: { v: 1, command: parseCommand(text) },
    };
    await stack.worker.runJob(job);
    await stack.worker.runJob(structuredClone(job));
    await stack.worker.runJob(structuredClone(job));
    expect(stack.github.calls.filter((call) => call.operationId === RESTORE)).toHaveLength(1);
    const cards = stack.slack.messages();
    expect(cards).toHaveLength(1);
    expect(stack.slack.thread(cards[0]!.channel, cards[0]!.ts)).toHaveLength(1);
    expect((await stack.store.get("redelivered-job-1"))?.state).toBe("restored");
  });
});

describe("user-group allow-lists on a workspace that can't list groups", () => {
  it("tells the requester what the operator must change", async () => {
    // Its own stack: group members are cached per container, and this one must ask Slack.
    const fresh = await startTestStack({ RESTORE_REQUIRE_APPROVAL: "false", RESTORE_REQUESTERS: "S0RELEASE" });
    try {
      fresh.slack.setPlanUpgradeRequired(true);
      await fresh.command("acme npm left-pad", { userId: "U0ANYONE" });
      expect(fresh.github.calls).toHaveLength(0);
      expect(String(fresh.slack.responses[0]?.body.text)).toContain(
        "plan_upgrade_required): list Slack user IDs (U…) instead of group IDs (S…)",
      );
    } finally {
      await fresh.close();
    }
  });
});
