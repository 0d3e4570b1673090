// The direct path (RESTORE_REQUIRE_APPROVAL=false) end to end: signed command → real HTTP
// handler → in-process hand-off → real worker (Bolt) → dynalite, GitHub and Slack simulators.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestStack, type TestStack } from "../support/startTestStack.js";

const RESTORE = "packages/restore-package-for-org";
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ RESTORE_REQUIRE_APPROVAL: "false" });
});
afterAll(async () => stack.close());
beforeEach(() => {
  stack.slack.reset();
  stack.github.reset();
  stack.github.appTokensOnPackages = "allowed";
});

let packages = 0;
/** A deleted npm package of its own, so tests don't depend on each other's restores. */
function deletedNpmPackage(): string {
  const name = `deleted-${++packages}`;
  stack.github.addPackage("acme", { type: "npm", name, deletedAt: new Date(Date.now() - 86_400_000) });
  return name;
}

function restoreCalls() {
  return stack.github.calls.filter((call) => call.operationId === RESTORE);
}

function onlyCard(channel = "C0RESTORE") {
  const cards = stack.slack.messages(channel);
  expect(cards).toHaveLength(1);
  const card = cards[0]!;
  return { card, replies: stack.slack.thread(channel, card.ts), json: JSON.stringify(card.blocks) };
}

describe("a restorable package", () => {
  it("acknowledges, restores team/app as one path segment, and replies in the card's thread", async () => {
    const ack = await stack.command("acme container team/app cleanup removed it");

    expect(ack.status).toBe(200);
    expect(ack.json?.response_type).toBe("ephemeral");
    expect(ack.json?.text).toContain("Got it: restoring the container package `team/app` in acme");

    const calls = restoreCalls();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.rawPath).toBe("/orgs/acme/packages/container/team%2Fapp/restore");
    expect(calls[0]!.auth).toBe("installation");
    expect(calls[0]!.status).toBe(204);
    expect(
      stack.github.calls.some((call) => call.operationId === "apps/get-org-installation" && call.auth === "jwt"),
    ).toBe(true);
    expect(
      stack.github.packages("acme").find((p) => p.name === "team/app" && p.type === "container")?.deletedAt,
    ).toBeUndefined();

    const { card, replies, json } = onlyCard();
    expect(json).toContain("cleanup removed it");
    expect(json).toContain(":white_check_mark: Restored");
    expect(card.edited).toBe(true);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toContain("<@U0REQUESTER> Restored the container package `team/app` in acme.");
    expect(JSON.stringify(replies[0]!.blocks)).toContain(
      "/orgs/acme/packages/container/package/team%2Fapp|Open the package on GitHub>",
    );
  });

  it("reuses the installation and its token: a second restore costs the pre-check's read and the restore", async () => {
    await stack.command(`acme npm ${deletedNpmPackage()}`);
    expect(stack.github.calls.map((call) => call.operationId)).toEqual([
      "packages/get-package-for-organization",
      RESTORE,
    ]);
  });

  it("shows the reason as plain text, so <!channel> in it pings nobody", async () => {
    await stack.command("acme npm web-ui <!channel> & <@U999> <https://evil.example|click> *bold*");
    const { card, replies } = onlyCard();
    const blocks = card.blocks as Array<{ type: string; text?: { type: string; text: string } }>;
    const reason = blocks.find((block) => block.text?.text.startsWith("Reason:"));
    expect(reason?.text).toEqual({
      type: "plain_text",
      text: "Reason: <!channel> & <@U999> <https://evil.example|click> *bold*",
      emoji: false,
    });
    const mrkdwn = JSON.stringify(blocks.filter((block) => block !== reason));
    expect(mrkdwn).not.toMatch(/<!channel>|<@U999>|<https:\/\/evil/);
    expect(JSON.stringify(replies)).not.toMatch(/<!channel>|<@U999>/);
  });

  it("passes token= to GitHub to pick one of several deleted packages with the same name", async () => {
    await stack.command("acme maven com.acme.lib");
    expect(onlyCard().replies[0]!.text).toContain("Several deleted packages match");
    stack.slack.reset();
    stack.github.reset();

    await stack.command("acme gradle com.acme.lib token=lib-2025 wrong version deleted");
    const calls = restoreCalls();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.query).toEqual({ token: "lib-2025" });
    expect(calls[0]!.status).toBe(204);
    expect(onlyCard().json).not.toContain("token=");
  });
});

describe("GitHub refusals become plain words with GitHub's message and request ID", () => {
  it.each([
    [
      "acme container old/tool",
      "GitHub found no deleted container package `old/tool` in acme that it can restore",
      "GITHUB_TOKEN",
    ],
    ["acme npm reused", "An active package already uses the name", "delete or rename the active package"],
  ])("%s", async (text, headline, nextStep) => {
    await stack.command(text);
    const reply = onlyCard().replies[0]!;
    const all = JSON.stringify(reply.blocks);
    expect(reply.text).toContain(headline);
    expect(all).toContain(nextStep);
    expect(all).toMatch(/GitHub answered HTTP (404|409) · “[^”]+” · request ID `[0-9A-F:]+`/);
  });

  it("says GitHub refused the App token and how to configure a classic PAT", async () => {
    stack.github.appTokensOnPackages = "forbidden";
    await stack.command(`acme npm ${deletedNpmPackage()}`);
    const all = JSON.stringify(onlyCard().replies[0]!.blocks);
    expect(all).toContain("GitHub refused the bot's GitHub App token");
    expect(all).toContain("GITHUB_AUTH=token");
    expect(all).toContain("Resource not accessible by integration");
  });

  it("says the App is not installed on an org without an installation", async () => {
    stack.github.addOrg("globex");
    await stack.command("globex npm thing");
    expect(onlyCard().replies[0]!.text).toContain("The bot's GitHub App is not installed on globex.");
    expect(restoreCalls()).toHaveLength(0);
  });

  it.each([
    [422, "Validation Failed", "GitHub refused to restore"],
    [403, "You need at least write:packages and read:packages scopes to restore packages.", "lacks the scopes"],
  ])("maps %i without retrying", async (status, message, headline) => {
    stack.github.failNext(RESTORE, { status, message });
    await stack.command(`acme npm ${deletedNpmPackage()}`);
    expect(restoreCalls()).toHaveLength(1);
    expect(onlyCard().replies[0]!.text).toContain(headline);
  });

  // @octokit/auth-app itself retries a 401 for up to 5 s after creating a token (GitHub's replication lag),
  // so the number of calls is its business here; PAT mode below checks there is exactly one.
  it("maps 401 to bad credentials", async () => {
    stack.github.failNext(RESTORE, { status: 401, message: "Bad credentials" }, 20);
    await stack.command(`acme npm ${deletedNpmPackage()}`);
    expect(onlyCard().replies[0]!.text).toContain("rejected the bot's credentials");
  });

  it("does not retry a 429 and says when to try again", async () => {
    stack.github.failNext(RESTORE, {
      status: 429,
      message: "API rate limit exceeded",
      headers: { "retry-after": "120" },
    });
    await stack.command(`acme npm ${deletedNpmPackage()}`);
    expect(restoreCalls()).toHaveLength(1);
    expect(JSON.stringify(onlyCard().replies[0]!.blocks)).toContain("Try again in 2 min");
  });

  // Re-sends after a look-up, and their bound, are in test/reliability/githubWrites.test.ts.
  it("never sends a restore again blind after a 5xx: App tokens can't look the package up, so it says it can't tell", async () => {
    stack.github.failNext(RESTORE, { status: 502, message: "Server Error" }, 2);
    await stack.command(`acme npm ${deletedNpmPackage()}`);
    expect(restoreCalls().map((call) => call.status)).toEqual([502]);
    expect(onlyCard().replies[0]!.text).toContain("The bot can't tell whether");
  });
});

describe("when the bot can't post", () => {
  it("tells the requester through response_url to invite the bot, and restores nothing", async () => {
    stack.slack.setBotChannels(["C0OTHER"]);
    try {
      await stack.command(`acme npm ${deletedNpmPackage()}`, { channelId: "C0RESTORE" });
    } finally {
      stack.slack.setBotChannels("all-public");
    }
    expect(restoreCalls()).toHaveLength(0);
    expect(stack.slack.messages()).toHaveLength(0);
    expect(stack.slack.responses).toHaveLength(1);
    expect(stack.slack.responses[0]!.body).toMatchObject({ response_type: "ephemeral" });
    expect(String(stack.slack.responses[0]!.body.text)).toContain("Invite me there with `/invite @package-restore`");
  });

  it("handles a DM between two people the same way", async () => {
    await stack.command(`acme npm ${deletedNpmPackage()}`, { channelId: "D0SOMEONE" });
    expect(restoreCalls()).toHaveLength(0);
    expect(String(stack.slack.responses[0]?.body.text)).toContain("I can't post in this channel");
  });
});

describe("bad input", () => {
  it.each([
    ["", "Tell me which package to restore"],
    ["acme", "Missing the package type"],
    ["acme container", "Missing the package name"],
    [
      "acme pypi requests",
      "`pypi` is not a package type GitHub knows. Use one of: npm, maven, rubygems, nuget, docker, container.",
    ],
    ["-acme npm x", "can't be a GitHub organization"],
    ["acme container ../../user", "isn't a package name GitHub allows"],
    [`acme npm left-pad ${"x".repeat(1000)}`, "the limit is 1000"],
  ])("%j gets an ephemeral usage error and touches nothing", async (text, message) => {
    const ack = await stack.command(text);
    expect(ack.status).toBe(200);
    expect(ack.json?.response_type).toBe("ephemeral");
    expect(ack.json?.text).toContain(message);
    expect(ack.json?.text).toContain("Usage: `/restore-package &lt;org&gt; &lt;type&gt; &lt;name&gt;");
    expect(stack.github.calls).toHaveLength(0);
    expect(stack.slack.calls).toHaveLength(0);
  });

  it("answers help with the usage", async () => {
    const ack = await stack.command("help");
    expect(ack.json?.text).toMatch(/^Usage:/);
  });
});
