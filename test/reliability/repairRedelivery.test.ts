// A repair stopped half-way is carried on where it stopped, and no version is ever restored twice: by the job's own
// redelivery when it stopped between versions, and by the sweep once a version's claim is abandoned.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DynamoFaultProxy } from "../../local/simulators/dynamo/startDynamoFaultProxy.js";
import { addTestImage } from "../support/addTestImage.js";
import { startFaultyStack, type FaultyStack } from "../support/startFaultyStack.js";
import type { TestStack } from "../support/startTestStack.js";

const RESTORE_VERSION = "packages/restore-package-version-for-org";
const ALL_DELETED = { deleted: { children: [0, 1, 2, 3], daysAgo: 3 } };
let faulty: FaultyStack;
let stack: TestStack;
let proxy: DynamoFaultProxy;
let images = 0;

beforeAll(async () => {
  faulty = await startFaultyStack("package-restore-repair-redelivery", { RESTORE_APPROVERS: "U0APPROVER1" });
  ({ stack, proxy } = faulty);
});
afterAll(async () => faulty.close());

/**
 * Fails the write a repair makes at this revision of its items (claims and outcomes alternate: version 1's claim is
 * written over revision 0, its outcome over 1, version 2's claim over 2…), on every one of the SDK's four attempts.
 */
function failItemWrite(revision: number) {
  proxy.failNext("internal", 4, { operation: "UpdateItem", bodyIncludes: `":repairRevision":{"N":"${revision}"}` });
}

async function approvedRepair() {
  const image = addTestImage(stack, `redelivery/img-${++images}`, ALL_DELETED);
  await stack.command(`repair acme ${image.name}:${image.tag}`);
  const card = stack.slack.messages("C0RESTORE").findLast((message) => message.thread_ts === undefined);
  if (card === undefined) throw new Error("no card");
  return { image, card, approve: () => stack.click({ action: "approve", card, userId: "U0APPROVER1" }) };
}

const restoredIds = (firstId: number) =>
  stack.github.calls
    .filter((call) => call.operationId === RESTORE_VERSION && Number(call.params.package_version_id) > firstId)
    .filter((call) => Number(call.params.package_version_id) <= firstId + 4)
    .map((call) => Number(call.params.package_version_id) - firstId);
const thread = (ts: string) => JSON.stringify(stack.slack.thread("C0RESTORE", ts).map((reply) => reply.blocks));

describe("a repair whose job stops half-way", () => {
  it("stopped before claiming version 3: the redelivered click carries on from version 3", async () => {
    const { image, card, approve } = await approvedRepair();
    failItemWrite(4);
    await approve();
    expect(restoredIds(image.firstId)).toEqual([1, 2, 3, 4]);
    expect(thread(card.ts)).toContain("Repaired: restored 4 of 4 deleted versions");
  });

  it("stopped after GitHub restored version 2 but before its outcome was written: never sent again", async () => {
    const { image, card, approve } = await approvedRepair();
    failItemWrite(3);
    // Every redelivery finds version 2's claim fresh and fails, to be retried; none sends it again.
    await approve();
    expect(restoredIds(image.firstId)).toEqual([1, 2]);
    expect(thread(card.ts)).toBe("[]");
    // Once the claim is older than a restore can last, the sweep looks version 2 up, finds it active, and goes on.
    await faulty.at(10 * 60_000, () => stack.worker.runSweep());
    expect(restoredIds(image.firstId)).toEqual([1, 2, 3, 4]);
    expect(thread(card.ts)).toContain("Repaired: restored 4 of 4 deleted versions");
    const lookUps = stack.github.calls.filter(
      (call) => call.method === "GET" && call.params.package_version_id === String(image.firstId + 2),
    );
    expect(lookUps.length).toBeGreaterThan(0);
  });
});
