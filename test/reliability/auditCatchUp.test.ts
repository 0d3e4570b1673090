// Nothing recorded is lost: when an audit write fails once, the job is delivered again and the
// event it implies reaches the trail, exactly once, whichever flow (command, click, sweep) runs next.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEventKind } from "../../src/domain/audit/auditEvent.js";
import type { RequestRecord } from "../../src/domain/request/requestRecord.js";
import type { DynamoFaultProxy } from "../../local/simulators/dynamo/startDynamoFaultProxy.js";
import { startFaultyStack, type FaultyStack } from "../support/startFaultyStack.js";
import { openRequestCard } from "../support/openRequestCard.js";
import type { TestStack } from "../support/startTestStack.js";

const HOUR = 3_600_000;
let faulty: FaultyStack;
let stack: TestStack;
let proxy: DynamoFaultProxy;
let packages = 0;

beforeAll(async () => {
  faulty = await startFaultyStack("package-restore-audit-catch-up", { RESTORE_APPROVERS: "U0APPROVER1" });
  ({ stack, proxy } = faulty);
});
afterAll(async () => faulty.close());

/** One job's write of this event fails: DynamoDB answers 500 to every one of the SDK's four attempts. */
function failAuditWriteOnce(kind: AuditEventKind) {
  // The audit item's sort key is `EVENT#<requestId>:<kind>`; no other item's body holds `:<kind>"`.
  proxy.failNext("internal", 4, { operation: "PutItem", bodyIncludes: `:${kind}"` });
}

function deletedPackage(): string {
  const name = `audit-${++packages}`;
  stack.github.addPackage("acme", { type: "npm", name, deletedAt: new Date(Date.now() - 86_400_000) });
  return name;
}

async function requestFor(name: string): Promise<RequestRecord> {
  const now = new Date();
  const found = (
    await stack.store.listRecent(100, new Date(now.getTime() - 48 * HOUR), new Date(now.getTime() + 48 * HOUR))
  ).find((record) => record.request.packageName === name);
  if (found === undefined) throw new Error(`no request for ${name}`);
  return found;
}

async function openCard(name: string) {
  return (await openRequestCard(stack, name)).card;
}

/** Every event in the request's trail, each kind counted. */
async function trailOf(name: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const event of await stack.auditStore.byRequest((await requestFor(name)).id))
    counts[event.event] = (counts[event.event] ?? 0) + 1;
  return counts;
}

describe("an audit write that fails once is made good by the next delivery", () => {
  it("requested (command)", async () => {
    const name = deletedPackage();
    failAuditWriteOnce("requested");
    await stack.command(`acme npm ${name} oops`);
    expect(await trailOf(name)).toEqual({ requested: 1 });
  });

  it("refused (command: a tag GitHub doesn't list)", async () => {
    const name = `audit-${++packages}`;
    stack.github.addPackage("acme", {
      type: "container",
      name,
      versions: [{ id: 9001, name: "sha256:aa", tags: ["v1"], deletedAt: new Date(Date.now() - HOUR) }],
    });
    failAuditWriteOnce("refused");
    await stack.command(`acme container ${name} tag=v2 oops`);
    expect(await trailOf(name)).toEqual({ requested: 1, refused: 1 });
  });

  it.each(["approved", "restore_started", "restored"] as const)("%s (click)", async (kind) => {
    const name = deletedPackage();
    const card = await openCard(name);
    failAuditWriteOnce(kind);
    await stack.click({ action: "approve", card, userId: "U0APPROVER1" });
    if (kind === "restore_started") {
      // The claim was written but the job stopped before calling GitHub: the sweep settles it once the claim has lapsed.
      await faulty.at(10 * 60_000, () => stack.worker.runSweep());
      expect(await trailOf(name)).toEqual({ requested: 1, approved: 1, restore_started: 1, restore_failed: 1 });
    } else {
      expect(await trailOf(name)).toEqual({ requested: 1, approved: 1, restore_started: 1, restored: 1 });
    }
  });

  it("restore_failed (click, GitHub refuses)", async () => {
    const name = deletedPackage();
    const card = await openCard(name);
    stack.github.failNext("packages/restore-package-for-org", {
      status: 403,
      message: "You need at least write:packages and read:packages scopes",
    });
    failAuditWriteOnce("restore_failed");
    await stack.click({ action: "approve", card, userId: "U0APPROVER1" });
    expect(await trailOf(name)).toEqual({ requested: 1, approved: 1, restore_started: 1, restore_failed: 1 });
  });

  it.each([
    ["denied", "deny", "U0APPROVER1"],
    ["cancelled", "cancel", "U0REQUESTER"],
  ] as const)("%s (click)", async (kind, action, userId) => {
    const name = deletedPackage();
    const card = await openCard(name);
    failAuditWriteOnce(kind);
    await stack.click({ action, card, userId });
    expect(await trailOf(name)).toEqual({ requested: 1, [kind]: 1 });
    expect((await requestFor(name)).reported).toBe(true);
  });

  it("expired (sweep)", async () => {
    const name = deletedPackage();
    await openCard(name);
    failAuditWriteOnce("expired");
    await faulty.at(25 * HOUR, async () => {
      await expect(stack.worker.runSweep()).rejects.toThrow("The sweep could not handle 1 request(s)");
      await stack.worker.runSweep();
    });
    expect(await trailOf(name)).toEqual({ requested: 1, expired: 1 });
    expect((await requestFor(name)).reported).toBe(true);
  });
});
