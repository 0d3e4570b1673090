// A stage whose slash command is renamed (SLACK_COMMAND) must never tell people to type another stage's command:
// everything Slack receives, end to end through the HTTP handler, the hand-off and the worker, names the new one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SimPackageVersion } from "../../local/simulators/github/startGitHubSimulator.js";
import { startTestStack, type TestStack } from "../support/startTestStack.js";

const RENAMED = "/restore-package-staging";
/** The default name used as a command: not followed by a character that would make it another name, such as -staging. */
const DEFAULT_NAME = /\/restore-package(?![-\w])/;
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);

type Block = {
  type: string;
  block_id?: string;
  text?: { text: string };
  elements?: Array<{ text: string }>;
  accessory?: { action_id: string; value: string };
};

let stack: TestStack;
/** Every acknowledgement body the HTTP function answered Slack with. */
const acks: string[] = [];

beforeAll(async () => {
  // A classic PAT: GitHub answers it on package endpoints, so every pre-check has something to say.
  stack = await startTestStack({
    SLACK_COMMAND: RENAMED,
    GITHUB_AUTH: "token",
    RESTORE_APPROVERS: "U0APPROVER1",
    RESTORE_REQUESTERS: "U0REQUESTER U0APPROVER1",
    RESTORE_ORGS: "acme",
  });
});
afterAll(async () => stack.close());

async function type(
  text: string,
  fields: { userId?: string; channelId?: string; command?: string } = {},
): Promise<string> {
  const answer = await stack.command(text, { command: RENAMED, ...fields });
  acks.push(answer.text);
  return answer.json?.text ?? "";
}

let packages = 0;
function addPackage(type: "npm" | "container", versions: SimPackageVersion[], deletedAt?: Date): string {
  const name = type === "container" ? `renamed/app-${++packages}` : `renamed-${++packages}`;
  stack.github.addPackage("acme", { type, name, versions, ...(deletedAt ? { deletedAt } : {}) });
  return name;
}

function lastCard(channel = "C0RESTORE") {
  const card = stack.slack.messages(channel).at(-1);
  if (card === undefined) throw new Error("no card was posted");
  return { card, json: JSON.stringify(card.blocks) };
}

const lastPrivate = (userId = "U0REQUESTER") => stack.privateTo(userId).at(-1) ?? "";

/** Everything Slack received from the bot: acknowledgements, Web API calls (cards, updates, thread replies) and response_url posts. */
function everythingSaid(): string[] {
  return [
    ...acks,
    ...stack.slack.calls.map((call) => JSON.stringify(call.args)),
    ...stack.slack.responses.map((response) => JSON.stringify(response.body)),
  ];
}

describe(`with SLACK_COMMAND=${RENAMED}`, () => {
  it("help and the HTTP function's usage errors name the renamed command", async () => {
    const help = await type("help");
    for (const line of [
      `${RENAMED} &lt;org&gt; &lt;type&gt; &lt;name&gt;`,
      `${RENAMED} acme container team/app`,
      `${RENAMED} versions &lt;org&gt;`,
      `${RENAMED} history [org] [count]`,
      `${RENAMED} help`,
    ]) {
      expect(help).toContain(line);
    }
    expect(await type("acme pypi x")).toContain(`\`${RENAMED} help\` shows this message`);
    expect(await type("history not_an_org")).toContain(`Use \`${RENAMED} history [org] [count]\`.`);
    expect(await type("versions acme")).toContain(
      `Use \`${RENAMED} versions &lt;org&gt; &lt;type&gt; &lt;name&gt; [page]\`.`,
    );
    expect(await type("acme npm x", { command: "/restore-package" })).toBe(`This app answers ${RENAMED} only.`);
    expect(await type("other npm x")).toContain("This bot doesn't restore packages in other.");
  });

  it("the versions listing names it for the next page and for a page past the end, and its buttons still open requests", async () => {
    const name = addPackage(
      "npm",
      Array.from(
        { length: 25 },
        (_, index): SimPackageVersion => ({ id: 7000 + index, name: `2.0.${index}`, deletedAt: ago(1) }),
      ),
    );
    await type(`versions acme npm ${name}`);
    const listing = stack.privateMessagesTo("U0REQUESTER").at(-1)!.blocks as Block[];
    expect(listing.at(-1)!.elements![0]!.text).toContain(`next page: \`${RENAMED} versions acme npm ${name} 2\``);
    // The button carries what follows the command, never a command's name, so it reads the same in any stage.
    const button = listing[1]!.accessory!;
    expect(button.value).toBe(`acme npm ${name} version=7024`);

    await type(`versions acme npm ${name} 3`);
    expect(lastPrivate()).toContain(
      `There is no page 3 of deleted versions of the npm package \`${name}\` in acme. Ask for \`${RENAMED} versions acme npm ${name}\` to start at the first.`,
    );

    await stack.press({
      button,
      blockId: "version_7024",
      userId: "U0REQUESTER",
      channel: "C0RESTORE",
      ephemeral: true,
    });
    expect(lastCard().card.text).toBe(
      `<@U0REQUESTER> asks to restore the version \`2.0.24\` (ID 7024) of npm package \`${name}\` in acme`,
    );
  });

  it("refusals of a version that can't be found name it", async () => {
    const image = addPackage("container", [{ id: 7101, name: "sha256:aa", tags: ["v1"], deletedAt: ago(1) }]);
    await type(`acme container ${image} tag=v2`);
    expect(lastPrivate()).toContain(`See what can be restored with \`${RENAMED} versions acme container ${image}\`.`);

    const gone = addPackage("container", [{ id: 7201, name: "sha256:bb", tags: ["v1"] }], ago(2));
    await type(`acme container ${gone} tag=v1`);
    expect(lastPrivate()).toContain(
      `If the whole package was deleted, restore it with \`${RENAMED} acme container ${gone}\`.`,
    );

    await type("acme npm left-pad", { userId: "U0OUTSIDER" });
    expect(lastPrivate("U0OUTSIDER")).toContain("You're not on the list of people who may restore packages.");
  });

  it("the card's pre-check and the outcome in the thread name it", async () => {
    const active = addPackage("npm", [{ id: 7301, name: "1.0.0" }]);
    await type(`acme npm ${active} version=7301`);
    const { card, json } = lastCard();
    expect(json).toContain(`See \`${RENAMED} versions acme npm ${active}\`.`);
    await stack.click({ action: "approve", card, userId: "U0APPROVER1" });
    expect(JSON.stringify(stack.slack.thread("C0RESTORE", card.ts))).toContain(
      `Check the version with \`${RENAMED} versions acme npm ${active}\`.`,
    );

    const deleted = addPackage("npm", [{ id: 7401, name: "1.0.0" }], ago(3));
    await type(`acme npm ${deleted} version=7401`);
    expect(lastCard().json).toContain(
      `If the whole package was deleted, restore it with \`${RENAMED} acme npm ${deleted}\`.`,
    );
    const live = addPackage("npm", []);
    await type(`acme npm ${live}`);
    expect(lastCard().json).toContain(`To bring back a deleted version, try \`${RENAMED} versions acme npm ${live}\`.`);
  });

  it("duplicates, cards Slack won't take and history answer without the default name", async () => {
    const name = addPackage("npm", [], ago(1));
    await type(`acme npm ${name}`);
    await type(`acme npm ${name}`, { userId: "U0APPROVER1" });
    expect(lastPrivate("U0APPROVER1")).toContain("is already waiting for approval");

    const elsewhere = addPackage("npm", [], ago(1));
    await type(`acme npm ${elsewhere}`, { channelId: "D0DIRECT" });
    expect(lastPrivate()).toContain("Invite me there with `/invite @package-restore`");

    await type("history");
    expect(lastPrivate()).toContain("restore requests, yours:");
  });

  it("nothing Slack received names the default command; the renamed one is named", () => {
    const said = everythingSaid();
    const named = new RegExp(`.{0,60}${DEFAULT_NAME.source}.{0,30}`, "g");
    expect(said.flatMap((text) => text.match(named) ?? [])).toEqual([]);
    expect(said.filter((text) => text.includes(RENAMED)).length).toBeGreaterThan(10);
  });
});
