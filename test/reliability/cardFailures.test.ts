// Whatever stops the request card from being posted, the requester hears what Slack said and
// what to do, the package's slot is freed, and the request is recorded `not_posted` with Slack's
// error code: at once when a retry can't help, after the hand-off's last try when it might.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RequestRecord } from "../../src/domain/request/requestRecord.js";
import type { DynamoFaultProxy } from "../../local/simulators/dynamo/startDynamoFaultProxy.js";
import { startFaultyStack, type FaultyStack } from "../support/startFaultyStack.js";
import type { TestStack } from "../support/startTestStack.js";

let faulty: FaultyStack;
let stack: TestStack;
let proxy: DynamoFaultProxy;
let packages = 0;

beforeAll(async () => {
  faulty = await startFaultyStack("package-restore-card-failures", { RESTORE_APPROVERS: "U0APPROVER1" });
  ({ stack, proxy } = faulty);
});
afterAll(async () => faulty.close());
beforeEach(() => proxy.clearFaults());

function deletedPackage(): string {
  const name = `card-${++packages}`;
  stack.github.addPackage("acme", { type: "npm", name, deletedAt: new Date(Date.now() - 86_400_000) });
  return name;
}

async function requestFor(name: string): Promise<RequestRecord> {
  const now = new Date();
  const found = (await stack.store.listRecent(50, new Date(now.getTime() - 3_600_000), now)).find(
    (record) => record.request.packageName === name,
  );
  if (found === undefined) throw new Error(`no request for ${name}`);
  return found;
}

const cardsFor = (name: string) =>
  stack.slack
    .messages("C0RESTORE")
    .filter((message) => JSON.stringify(message.blocks).includes(name) && message.thread_ts === undefined);

/** A second request for the same package gets its own card only if the first one let go of the slot. */
async function expectSlotFree(name: string, asker = "U0OTHER") {
  await stack.command(`acme npm ${name} second try`, { userId: asker });
  expect(stack.privateTo(asker).join("\n")).not.toContain("already");
  expect(cardsFor(name)).toHaveLength(1);
}

describe("Slack errors a retry can't cure end the request at once", () => {
  it.each([
    [
      "invalid_blocks",
      "Slack refused the request card's layout (Slack said `invalid_blocks`)",
      "This is a bug in the bot",
    ],
    ["missing_scope", "The Slack app lacks a scope it needs (Slack said `missing_scope`)", "reinstall the app"],
    ["channel_not_found", "I can't post in this channel (Slack said `channel_not_found`)", "/invite @package-restore"],
    [
      "restricted_action_read_only_channel",
      "This workspace doesn't let me post in this channel (Slack said `restricted_action_read_only_channel`)",
      "Run the command in another channel",
    ],
    ["invalid_auth", "Slack refused the bot's token (Slack said `invalid_auth`)", "SLACK_BOT_TOKEN"],
    [
      "some_new_error",
      "Slack refused to post the request card in this channel (Slack said `some_new_error`)",
      "quoting request",
    ],
  ])("%s: told privately, recorded not_posted, slot freed, no retry", async (error, said, fix) => {
    const name = deletedPackage();
    const dead = stack.handOff.deadLetters.length;
    stack.slack.failNext("chat.postMessage", { error });
    await stack.command(`acme npm ${name} oops`);

    const told = stack.privateTo("U0REQUESTER").at(-1) ?? "";
    expect(told).toContain(said);
    expect(told).toContain(fix);
    expect(told).toContain("nothing was restored");
    expect(await requestFor(name)).toMatchObject({
      state: "not_posted",
      refusal: error,
      reported: true,
      deliveries: 1,
    });
    expect(stack.handOff.deadLetters).toHaveLength(dead);
    const trail = await stack.auditStore.byRequest((await requestFor(name)).id);
    expect(trail.filter((event) => event.event === "refused").map((event) => event.decision)).toEqual([error]);
    await expectSlotFree(name);
  });
});

describe("transient Slack failures are retried by the hand-off, then end the request", () => {
  it("a 503 on every delivery: paused twice, then told and recorded not_posted with http_503", async () => {
    const name = deletedPackage();
    stack.slack.failNext("chat.postMessage", { status: 503 }, 3);
    await stack.command(`acme npm ${name} oops`);

    const told = stack.privateTo("U0REQUESTER").slice(-3);
    expect(told[0]).toContain(
      "Slack didn't take the request card (it said `http_503`, try 1 of 3), so this request is paused",
    );
    expect(told[1]).toContain("try 2 of 3");
    expect(told[2]).toContain(
      "Slack was still failing to take the request card on the bot's last try (Slack said `http_503`), so nothing was restored",
    );
    expect(await requestFor(name)).toMatchObject({
      state: "not_posted",
      refusal: "http_503",
      deliveries: 3,
      reported: true,
    });
    await expectSlotFree(name);
  });

  it("counts deliveries, not card posts: after a delivery lost to the store, the last delivery ends the request", async () => {
    const name = deletedPackage();
    // Delivery 1 fails before it reaches Slack (taking the package's slot); deliveries 2 and 3 get a 503 for the card.
    proxy.failNext("internal", 4, { operation: "PutItem", bodyIncludes: "OR requestId = :me" });
    stack.slack.failNext("chat.postMessage", { status: 503 }, 2);
    await stack.command(`acme npm ${name} oops`);

    const told = stack.privateTo("U0REQUESTER").slice(-3);
    expect(told[0]).toContain("The bot's database didn't answer");
    expect(told[1]).toContain("it said `http_503`, try 2 of 3");
    expect(told[2]).toContain("on the bot's last try (Slack said `http_503`), so nothing was restored");
    expect(await requestFor(name)).toMatchObject({ state: "not_posted", refusal: "http_503", deliveries: 3 });
  });

  it("`ratelimited` once: the retry posts the card and the request waits for approval", async () => {
    const name = deletedPackage();
    stack.slack.failNext("chat.postMessage", { error: "ratelimited" });
    await stack.command(`acme npm ${name} oops`);
    expect(stack.privateTo("U0REQUESTER").at(-1)).toContain(
      "Slack didn't take the request card (it said `ratelimited`, try 1 of 3)",
    );
    expect(cardsFor(name)).toHaveLength(1);
    expect(await requestFor(name)).toMatchObject({ state: "pending", deliveries: 2 });
  });
});

describe("the package's slot", () => {
  it("is taken from a holder whose job failed and whose lease has lapsed", async () => {
    const name = deletedPackage();
    // The first request's job fails on every delivery before its request is open (its record can't move to pending).
    // Its card is out (GitHub no longer comes before it), so the second request's is the second card.
    proxy.failNext("internal", 12, { operation: "UpdateItem", bodyIncludes: '{"S":"pending"}' });
    await stack.command(`acme npm ${name} first`);
    expect((await requestFor(name)).state).toBe("received");
    proxy.clearFaults();
    expect(cardsFor(name)).toHaveLength(1);
    await stack.command(`acme npm ${name} second try`, { userId: "U0OTHER" });
    expect(stack.privateTo("U0OTHER").join("\n")).not.toContain("already");
    expect(cardsFor(name)).toHaveLength(2);
  });

  it("is freed by the redelivered click when freeing it failed the first time", async () => {
    const name = deletedPackage();
    await stack.command(`acme npm ${name} oops`);
    const [card] = cardsFor(name);
    const { id } = await requestFor(name);
    const slot = `acme#npm#${name}`;
    proxy.failNext("internal", 4, { operation: "DeleteItem", bodyIncludes: slot });
    await stack.click({ action: "deny", card: card!, userId: "U0APPROVER1" });
    expect(proxy.faulted.filter((operation) => operation === "DeleteItem").length).toBeGreaterThanOrEqual(4);
    expect(await stack.store.get(id)).toMatchObject({ state: "denied", reported: true });
    // Claiming with another ID succeeds only if nobody holds the slot (its `until` is a day away).
    expect(
      await stack.store.claimTarget(
        slot,
        "probe",
        new Date(Date.now() + 60_000).toISOString(),
        new Date().toISOString(),
      ),
    ).toBeUndefined();
  });
});
