// What the renderers shorten, and what they keep, when names, labels and GitHub's words run long.
import { describe, expect, it } from "vitest";
import type { RequestRecord } from "../../src/domain/request/requestRecord.js";
import type { OfferedVersion } from "../../src/domain/ports/restoreChat.js";
import { renderCard } from "../../src/slack/renderCard.js";
import { renderChatText } from "../../src/slack/renderChatText.js";
import { renderOutcomeReply } from "../../src/slack/renderOutcomeReply.js";
import { renderVersionsOffer } from "../../src/slack/renderVersionsOffer.js";
import { validateBlocks } from "../../local/simulators/slack/blockKit.js";
import { mrkdwnStrings } from "../support/blockText.js";

const COMMAND = "/restore-package";

const NAME = `team/${"a".repeat(250)}`;
const LABEL = Array.from({ length: 14 }, (_, index) => `release-2026.11.${index}`.padEnd(40, "x")).join(", ");

function pending(overrides: Partial<RequestRecord["request"]> = {}): RequestRecord {
  return {
    id: "req-1",
    mode: "approval",
    requester: { teamId: "T1", userId: "U0REQ42" },
    channelId: "C1",
    request: {
      org: "acme",
      packageType: "container",
      packageName: NAME,
      target: { kind: "package" },
      reason: "",
      notes: [],
      ...overrides,
    },
    state: "pending",
    createdAt: "2026-11-20T10:00:00.000Z",
    updatedAt: "2026-11-20T10:00:00.000Z",
    expiresAt: "2026-11-21T10:00:00.000Z",
  };
}

type Confirm = { text: { text: string } };
const confirmText = (record: RequestRecord) => {
  const actions = renderCard(record, "https://github.com/x", COMMAND).blocks.find(
    (block) => block.type === "actions",
  ) as { elements: Array<{ confirm?: Confirm }> };
  return actions.elements[0]!.confirm!.text.text;
};

describe("the card", () => {
  it("quotes a long name in the confirm dialog shortened, keeps the sentence, and shows it whole in the fields", () => {
    const text = confirmText(pending());
    expect(text).toBe(
      `GitHub will restore the container package \`team/${"a".repeat(79)}…\` in acme as it was when it was deleted.`,
    );
    expect(mrkdwnStrings(renderCard(pending(), "https://github.com/x", COMMAND).blocks[0]).join("\n")).toContain(
      `*Package*\n\`${NAME}\``,
    );
  });

  it("quotes a version's long label shortened too", () => {
    const text = confirmText(
      pending({ packageName: "team/app", target: { kind: "version", versionId: 7301, label: LABEL } }),
    );
    expect(text).toBe(
      `GitHub will restore the version \`${LABEL.slice(0, 59)}…\` (ID 7301) of container package \`team/app\` in acme as it was when it was deleted.`,
    );
  });

  it("never cuts the request ID from the status line, however long GitHub's headline", () => {
    const failed = { ...pending(), state: "failed" as const };
    const context = renderCard(failed, "https://github.com/x", COMMAND, {
      ok: false,
      headline: "&".repeat(5000),
      nextStep: "",
    }).blocks.at(-1) as { elements: Array<{ text: string }> };
    const line = context.elements[0]!.text;
    expect(line.length).toBeLessThanOrEqual(3000);
    expect(line).toMatch(/&amp;… · request `req-1`$/);
  });
});

describe("the outcome reply", () => {
  it("shortens a long headline and next step each, keeping the link between them", () => {
    const restored = { ...pending(), state: "restored" as const, outcome: { kind: "restored" as const, status: 204 } };
    const message = renderOutcomeReply(
      restored,
      { ok: true, headline: "h".repeat(4000), nextStep: "n".repeat(4000) },
      "https://github.com/x",
    );
    const text = (message.blocks[0] as { text: { text: string } }).text.text;
    expect(validateBlocks(message.blocks)).toEqual([]);
    expect(text).toMatch(
      /^:white_check_mark: <@U0REQ42> h+…\n<https:\/\/github\.com\/x\|Open the package on GitHub>\nn+…$/,
    );
  });
});

describe("the versions listing", () => {
  const version = (id: number): OfferedVersion => ({
    id,
    label: LABEL,
    deletedAt: "2026-11-20T10:00:00Z",
    command: `acme container team/app version=${id}`,
  });
  const listing = (versions: OfferedVersion[]) =>
    renderVersionsOffer(
      {
        kind: "versions",
        package: { org: "acme", packageType: "container", packageName: "team/app" },
        versions,
        page: 1,
      },
      COMMAND,
    );

  it("shows 48 versions in Slack's 50 blocks", () => {
    const message = listing(Array.from({ length: 48 }, (_, index) => version(index)));
    expect(message.blocks).toHaveLength(50);
    expect(validateBlocks(message.blocks)).toEqual([]);
  });

  it("says how many more it couldn't show, past 48", () => {
    const message = listing(Array.from({ length: 60 }, (_, index) => version(index)));
    expect(message.blocks).toHaveLength(50);
    expect(validateBlocks(message.blocks)).toEqual([]);
    expect((message.blocks[48] as { text: { text: string } }).text.text).toBe(
      "…and 13 more on this page, not shown: Slack shows at most 50 blocks in a message.",
    );
  });

  it("shortens a label past 500 characters, and offers no button for a command too long for one", () => {
    const message = listing([
      { ...version(7), label: "t".repeat(600), command: `acme container ${"n".repeat(2000)} version=7` },
    ]);
    const section = message.blocks[1] as { text: { text: string }; accessory?: unknown };
    expect(section.text.text).toMatch(
      new RegExp(`^\`${"t".repeat(499)}…\` · deleted <!date.* · ID 7 · ask for it with \`version=7\`$`),
    );
    expect(section.accessory).toBeUndefined();
    expect(validateBlocks(message.blocks)).toEqual([]);
  });
});

describe("a private answer", () => {
  it("shortens one long stretch to 1,000 characters, closing its code span, and the whole to 40,000", () => {
    const line = renderChatText([
      "• ",
      { date: "2026-11-20T10:00:00Z" },
      ` · container \`${"n".repeat(1200)}\` in acme`,
      " · asked by ",
      { user: "U0REQ42" },
    ]);
    expect(line).toMatch(/^• <!date[^>]*> · container `n+…` · asked by <@U0REQ42>$/);
    const history = renderChatText(
      Array.from({ length: 60 }, () => ["\n• ", `container \`${"n".repeat(990)}\``, { user: "U0REQ42" }]).flat(),
    );
    expect(history.length).toBeLessThanOrEqual(40_000);
    expect(history.endsWith("…") || history.endsWith("…`")).toBe(true);
  });

  it("leaves an ordinary answer as it was, escaped", () => {
    expect(
      renderChatText([
        "Hi ",
        { user: "U0REQ42" },
        " <!channel> & ",
        { link: "https://x.slack.com/archives/C1/p1", label: "card|x" },
      ]),
    ).toBe("Hi <@U0REQ42> &lt;!channel&gt; &amp; <https://x.slack.com/archives/C1/p1|card¦x>");
  });
});
