// A restore is never sent twice, and its outcome is never misreported: GitHub acting but answering
// 502 or too late, a write that had no effect, a look-up that can't tell, 4xx on reads, and GitHub
// refusing the App's installation token. Through the real handlers, the simulators and dynalite.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_AWS_ENV, startLocalDynamo, type LocalDynamo } from "../../local/simulators/dynamo/startLocalDynamo.js";
import { startDynamoFaultProxy, type DynamoFaultProxy } from "../../local/simulators/dynamo/startDynamoFaultProxy.js";
import { startTestStack, type TestStack } from "../support/startTestStack.js";

const RESTORE = "packages/restore-package-for-org";
const GET = "packages/get-package-for-organization";
const TOKEN = "apps/create-installation-access-token";
const APPROVER = "U0APPROVER1";
let pat: TestStack;
let app: TestStack;
let dynamo: LocalDynamo;
let proxy: DynamoFaultProxy;
let clockOffsetMs = 0;
let packages = 0;

beforeAll(async () => {
  dynamo = await startLocalDynamo("package-restore-github-writes");
  proxy = await startDynamoFaultProxy(dynamo.endpoint);
  [pat, app] = await Promise.all([
    startTestStack({ RESTORE_APPROVERS: APPROVER, GITHUB_AUTH: "token" }),
    startTestStack(
      {
        RESTORE_APPROVERS: APPROVER,
        TABLE_NAME: dynamo.tableName,
        DYNAMODB_ENDPOINT: proxy.endpoint,
        ...LOCAL_AWS_ENV,
      },
      { now: () => new Date(Date.now() + clockOffsetMs) },
    ),
  ]);
});
afterAll(async () => {
  await Promise.all([pat?.close(), app?.close()]);
  await proxy?.close();
  await dynamo?.close();
});

function deletedPackage(stack: TestStack, org = "acme"): string {
  const name = `write-${++packages}`;
  stack.github.addPackage(org, { type: "npm", name, deletedAt: new Date(Date.now() - 86_400_000) });
  return name;
}

/** Asks for a restore of `name` and returns its card and request ID. */
async function pendingCard(stack: TestStack, name: string, org = "acme") {
  await stack.command(`${org} npm ${name}`);
  const card = stack.slack.messages("C0RESTORE").find((message) => JSON.stringify(message.blocks).includes(name));
  const requestId = /request `([^`]+)`/.exec(JSON.stringify(card?.blocks))?.[1];
  if (card === undefined || requestId === undefined) throw new Error(`no card for ${name}`);
  return { card, requestId };
}

/** What GitHub saw for this package, in order: operation and status. */
const trail = (stack: TestStack, name: string) =>
  stack.github.calls
    .filter((call) => call.rawPath.includes(`/npm/${name}`))
    .map((call) => `${call.operationId} ${call.status}`);
const replies = (stack: TestStack, ts: string) => stack.slack.thread("C0RESTORE", ts);
const replyText = (stack: TestStack, ts: string) => JSON.stringify(replies(stack, ts).map((reply) => reply.blocks));
const auditOf = async (stack: TestStack, requestId: string) =>
  (await stack.auditStore.byRequest(requestId)).filter(
    (event) => event.event === "restored" || event.event === "restore_failed",
  );

/** The simulator records a call once it has answered it: wait for an answer the client gave up on. */
async function answered(stack: TestStack, name: string, count: number): Promise<void> {
  for (let waited = 0; trail(stack, name).filter((call) => call.startsWith(RESTORE)).length < count; waited += 50) {
    if (waited > 10_000) throw new Error(`the restore of ${name} was not answered ${count} times`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("a restore GitHub acted on but answered badly is reported restored, and never sent again", () => {
  it("a 502 after restoring: restored once, the thread says what GitHub answered, the audit says restored", async () => {
    const name = deletedPackage(pat);
    const { card, requestId } = await pendingCard(pat, name);
    pat.github.failNext(RESTORE, { status: 502, acts: true });
    await pat.click({ action: "approve", card, userId: APPROVER });

    expect(trail(pat, name).filter((call) => call.startsWith(RESTORE))).toEqual([`${RESTORE} 502`]);
    expect(replies(pat, card.ts)).toHaveLength(1);
    expect(replies(pat, card.ts)[0]?.text).toContain("Restored the npm package");
    expect(replyText(pat, card.ts)).toContain(
      "GitHub answered the restore with an error (HTTP 502), but it is active on GitHub now",
    );
    expect(replyText(pat, card.ts)).not.toContain("found no deleted");
    expect(await pat.store.get(requestId)).toMatchObject({
      state: "restored",
      outcome: { kind: "restored", status: 502, confirmedByLookUp: true },
    });
    expect(
      (await auditOf(pat, requestId)).map((event) => [event.event, event.github?.outcome, event.github?.status]),
    ).toEqual([["restored", "restored", 502]]);
  });

  it("an answer later than the client waits: restored once", async () => {
    const name = deletedPackage(pat);
    const { card, requestId } = await pendingCard(pat, name);
    // The test stack gives each attempt 2 s.
    pat.github.failNext(RESTORE, { status: 504, acts: true, delayMs: 3000 });
    await pat.click({ action: "approve", card, userId: APPROVER });
    await answered(pat, name, 1);

    expect(trail(pat, name).filter((call) => call.startsWith(RESTORE))).toHaveLength(1);
    expect(replyText(pat, card.ts)).toContain(
      "GitHub did not answer the restore in time, but it is active on GitHub now",
    );
    expect(await pat.store.get(requestId)).toMatchObject({ state: "restored", outcome: { kind: "restored" } });
  });
});

describe("a restore that had no effect", () => {
  it("is sent again only after a look-up shows the package still deleted, and restores without a second approval", async () => {
    const name = deletedPackage(pat);
    const { card } = await pendingCard(pat, name);
    pat.github.failNext(RESTORE, { status: 502 }, 2);
    await pat.click({ action: "approve", card, userId: APPROVER });

    // The first look-up is the card's pre-check.
    expect(trail(pat, name)).toEqual([
      `${GET} 404`,
      `${RESTORE} 502`,
      `${GET} 404`,
      `${RESTORE} 502`,
      `${GET} 404`,
      `${RESTORE} 204`,
    ]);
    expect(replies(pat, card.ts)[0]?.text).toContain("Restored the npm package");
  });
});

describe("when GitHub won't show whether the restore went through", () => {
  it("App mode: a 502 is not sent again; the thread says the bot can't tell, with a link to check", async () => {
    const name = deletedPackage(app);
    const { card, requestId } = await pendingCard(app, name);
    app.github.failNext(RESTORE, { status: 502 });
    await app.click({ action: "approve", card, userId: APPROVER });

    expect(trail(app, name).filter((call) => call.startsWith(RESTORE))).toEqual([`${RESTORE} 502`]);
    expect(replies(app, card.ts)[0]?.text).toContain(
      `can't tell whether the npm package \`${name}\` in acme was restored`,
    );
    expect(replyText(app, card.ts)).toContain(`/orgs/acme/packages/npm/package/${name}|Check the package on GitHub>`);
    expect(replyText(app, card.ts)).toContain(
      "never sends a restore again without first seeing that the last one had no effect",
    );
    expect(await app.store.get(requestId)).toMatchObject({
      state: "failed",
      outcome: { kind: "unconfirmed", status: 502 },
    });
    expect((await auditOf(app, requestId)).map((event) => [event.event, event.github?.outcome])).toEqual([
      ["restore_failed", "unconfirmed"],
    ]);
  });
});

describe("no 4xx is retried", () => {
  it("a 406 to the pre-check's read is sent once, and the card says it could not check", async () => {
    const name = deletedPackage(pat);
    pat.github.failNext(GET, { status: 406 }, 5);
    const { card } = await pendingCard(pat, name);
    expect(trail(pat, name)).toEqual([`${GET} 406`]);
    expect(JSON.stringify(card.blocks)).toContain("Could not check with GitHub (GitHub answered 406");
    pat.github.reset();
  });
});

describe("GitHub refusing the App's installation token", () => {
  it.each([
    [422, "The permissions requested are not granted to this installation."],
    [403, "This installation has been suspended"],
  ])("a %i on creating it: no restore is sent, and the thread says so and why", async (status, message) => {
    // An org of its own, so no token is cached for it: the pre-check and the restore each ask for one.
    const org = `tokens-${status}`;
    app.github.addOrg(org, { installationId: 8000 + status });
    const name = deletedPackage(app, org);
    app.github.failNext(TOKEN, { status, message }, 2);
    const { card, requestId } = await pendingCard(app, name, org);
    await app.click({ action: "approve", card, userId: APPROVER });

    expect(app.github.restoreCalls().filter((call) => call.params.org === org)).toEqual([]);
    expect(replies(app, card.ts)[0]?.text).toContain(
      `GitHub would not give the bot's GitHub App a token for ${org}, so no restore was sent.`,
    );
    expect(replyText(app, card.ts)).not.toMatch(/refused to restore|retired/);
    expect(replyText(app, card.ts)).toContain("Packages permission");
    expect(await app.store.get(requestId)).toMatchObject({
      state: "failed",
      outcome: { kind: "token_refused", status, githubMessage: message },
    });
  });

  it("refused when renewing one GitHub stopped accepting: an outcome in plain words, not a request left restoring", async () => {
    const name = deletedPackage(app);
    const { card, requestId } = await pendingCard(app, name);
    app.github.expireInstallationTokens();
    app.github.failNext(TOKEN, { status: 403, message: "This installation has been suspended" });
    await app.click({ action: "approve", card, userId: APPROVER });

    expect(await app.store.get(requestId)).toMatchObject({
      state: "failed",
      reported: true,
      outcome: { kind: "token_refused", status: 403 },
    });
    expect(replies(app, card.ts)).toHaveLength(1);
    expect(replies(app, card.ts)[0]?.text).toContain("so no restore was sent");
    expect(new Set(trail(app, name).filter((call) => call.startsWith(RESTORE)))).toEqual(new Set([`${RESTORE} 401`]));
  }, 20_000);
});

describe("a restore interrupted before its outcome was recorded", () => {
  it("says the bot could not check when GitHub won't show the package, never that GitHub doesn't show it active", async () => {
    const name = deletedPackage(app);
    const { card, requestId } = await pendingCard(app, name);
    // Every write of an outcome fails for a while: the worker's runs end with the claim unsettled.
    proxy.failNext("internal", 100, { operation: "UpdateItem", bodyIncludes: '"outcome"' });
    await app.click({ action: "approve", card, userId: APPROVER });
    expect(await app.store.get(requestId)).toMatchObject({ state: "restoring" });
    const dead = app.handOff.deadLetters.at(-1);
    expect(dead).toBeDefined();

    // Then GitHub stops showing packages to App tokens (404), as it does today, and a later job settles the claim.
    proxy.clearFaults();
    app.github.appTokensOnPackages = "not_found";
    clockOffsetMs = 200_000;
    try {
      await app.worker.runJob(dead!.job);
    } finally {
      clockOffsetMs = 0;
      app.github.appTokensOnPackages = "allowed";
    }
    expect(await app.store.get(requestId)).toMatchObject({
      state: "failed",
      outcome: { kind: "interrupted", presence: "unknown" },
    });
    expect(replies(app, card.ts)[0]?.text).toContain("the bot could not check with GitHub whether it went through");
    expect(replyText(app, card.ts)).not.toContain("does not show");
    expect(replyText(app, card.ts)).toContain("Check the package on GitHub>");
    // Restored once (a 401 from a token GitHub stopped accepting is not acted on, and is sent again with a new one).
    expect(trail(app, name).filter((call) => call.startsWith(RESTORE) && !call.endsWith(" 401"))).toEqual([
      `${RESTORE} 204`,
    ]);
  });
});
