import { describe, expect, it } from "vitest";
import type { OutcomeDescription } from "../../src/domain/describeOutcome.js";
import { parseCommand } from "../../src/domain/parseCommand.js";
import type { RequestRecord } from "../../src/domain/requestRecord.js";
import { createGitHubRestorer } from "../../src/github/createGitHubRestorer.js";
import { link, mention } from "../../src/slack/mrkdwn.js";
import { renderOutcomeReply } from "../../src/slack/renderOutcomeReply.js";
import { renderRequestMessage, type SlackMessage } from "../../src/slack/renderRequestMessage.js";
import { validateBlocks } from "../simulators/slack/blockKit.js";

const REQUESTER = "U0REQ42";
const HOSTILE = "ping <!channel> <@U123> <https://evil|x> & co";
const github = createGitHubRestorer({ authMode: "token", token: "ghp_x", apiUrl: "https://api.github.com", webUrl: "https://github.com" });

function record(overrides: Partial<RequestRecord> = {}): RequestRecord {
  return {
    id: "req-1",
    requester: { teamId: "T1", userId: REQUESTER },
    channelId: "C1",
    request: {
      org: "<https://evil|x>",
      packageType: "container",
      packageName: "<!channel>&<@U123>|team/app",
      target: { kind: "package" },
      packageToken: "<!here> & <@U123>",
      reason: HOSTILE,
      notes: [],
    },
    state: "failed",
    createdAt: "2026-11-01T12:34:56.000Z",
    updatedAt: "2026-11-01T12:35:00.000Z",
    thread: { channelId: "C1", ts: "1700000000.000100" },
    outcome: { kind: "rejected", status: 422, githubMessage: `GitHub says ${HOSTILE}`, githubRequestId: "<@U123>" },
    ...overrides,
  };
}

const hostileDescription: OutcomeDescription = { ok: false, headline: `Headline ${HOSTILE}`, nextStep: `Next ${HOSTILE}` };

/** Every string anywhere in the message: text, blocks, fields, elements. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (typeof value === "object" && value !== null) return Object.values(value).flatMap(strings);
  return [];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Removes the markup the renderers are meant to produce; whatever is left must be plain escaped text. */
function withoutOwnMarkup(text: string, packageUrl: string): string {
  return text
    .replace(new RegExp(`<@${REQUESTER}>`, "g"), "")
    .replace(/<!date\^\d+\^\{date_short_pretty\} at \{time\}\|[^<>|]*>/g, "")
    .replace(new RegExp(`<${escapeRegExp(packageUrl)}\\|[^<>|]*>`, "g"), "");
}

function expectSafe(message: SlackMessage, packageUrl: string): void {
  const all = strings(message);
  expect(all.length).toBeGreaterThan(3);
  for (const text of all) {
    expect(text).not.toMatch(/<!(?!date\^)/);
    expect(text).not.toContain("<@U123>");
    expect(text).not.toContain("<https://evil");
    const rest = withoutOwnMarkup(text, packageUrl);
    expect(rest).not.toMatch(/[<>]/);
    expect(rest).not.toMatch(/&(?!amp;|lt;|gt;)/);
  }
}

describe("renderRequestMessage", () => {
  const packageUrl = github.packageUrl(record().request);

  it.each(["received", "restoring", "restored", "failed", "not_posted", "refused"] as const)("escapes user text in every field (state %s)", (state) => {
    const message = renderRequestMessage(record({ state }), packageUrl, hostileDescription);
    expectSafe(message, packageUrl);
    const joined = strings(message).join("\n");
    expect(joined).toContain("ping &lt;!channel&gt; &lt;@U123&gt; &lt;https://evil|x&gt; &amp; co");
    expect(joined).toContain("&lt;!here&gt; &amp; &lt;@U123&gt;");
    expect(message.text).toContain(`<@${REQUESTER}>`);
  });

  it("shows the failure headline escaped on a failed request", () => {
    const context = strings(renderRequestMessage(record(), packageUrl, hostileDescription).blocks[2]).join("");
    expect(context).toContain("Not restored: Headline ping &lt;!channel&gt;");
  });

  it("links the package with the encoded URL it was given, label escaped", () => {
    const message = renderRequestMessage(record(), packageUrl);
    expect(packageUrl).toBe("https://github.com/orgs/%3Chttps%3A%2F%2Fevil%7Cx%3E/packages/container/package/%3C!channel%3E%26%3C%40U123%3E%7Cteam%2Fapp");
    expect(strings(message).join("\n")).toContain(`<${packageUrl}|&lt;!channel&gt;&amp;&lt;@U123&gt;¦team/app>`);
  });

  it("links a container name with a slash as one encoded path segment", () => {
    const parsed = parseCommand("acme container team/app");
    if (parsed.kind !== "restore") throw new Error("expected a request");
    const url = github.packageUrl(parsed.request);
    expect(url).toBe("https://github.com/orgs/acme/packages/container/package/team%2Fapp");
    expect(strings(renderRequestMessage(record({ request: parsed.request }), url)).join("\n")).toContain(`<${url}|team/app>`);
  });

  it("says when no reason was given", () => {
    const message = renderRequestMessage(record({ request: { ...record().request, reason: "" } }), packageUrl);
    expect(strings(message.blocks[1]).join("")).toContain("_none given_");
  });

  it("stays within Block Kit limits for an ordinary request", () => {
    expect(validateBlocks(renderRequestMessage(record(), packageUrl, hostileDescription).blocks)).toEqual([]);
  });

  // The parser accepts 1000 characters of decoded text and escaping makes each `&` five, past Slack's
  // 3000-character section limit (chat.postMessage would fail with invalid_blocks) unless the renderer cuts it.
  it("stays within Block Kit limits for the longest reason the parser accepts", () => {
    const prefix = "acme npm left-pad ";
    const parsed = parseCommand(prefix + "&".repeat(1000 - prefix.length));
    if (parsed.kind !== "restore") throw new Error("expected a request");
    const message = renderRequestMessage(record({ request: parsed.request }), github.packageUrl(parsed.request));
    expect(validateBlocks(message.blocks)).toEqual([]);
  });
});

describe("renderOutcomeReply", () => {
  const packageUrl = github.packageUrl(record().request);

  it("escapes the description, GitHub's message and request ID", () => {
    const message = renderOutcomeReply(record(), hostileDescription, packageUrl);
    expectSafe(message, packageUrl);
    const joined = strings(message).join("\n");
    expect(joined).toContain("Next ping &lt;!channel&gt;");
    expect(joined).toContain("GitHub answered HTTP 422");
    expect(joined).toContain("“GitHub says ping &lt;!channel&gt;");
    expect(joined).toContain("request ID `&lt;@U123&gt;`");
    expect(message.text).toMatch(new RegExp(`^:x: <@${REQUESTER}> Headline`));
  });

  it("links the package on success, with an escaped label", () => {
    const restored = record({ state: "restored", outcome: { kind: "restored", status: 204 } });
    const message = renderOutcomeReply(restored, { ok: true, headline: `Restored ${HOSTILE}`, nextStep: "" }, packageUrl);
    expectSafe(message, packageUrl);
    expect(message.text.startsWith(":white_check_mark:")).toBe(true);
    expect(strings(message).join("\n")).toContain(`<${packageUrl}|Open &lt;!channel&gt;&amp;&lt;@U123&gt;¦team/app on GitHub>`);
  });

  it("omits the GitHub context when GitHub did not answer", () => {
    const message = renderOutcomeReply(record({ outcome: { kind: "github_unavailable" } }), hostileDescription, packageUrl);
    expect(message.blocks).toHaveLength(1);
  });

  it("cuts GitHub's message to 500 characters before escaping", () => {
    const message = renderOutcomeReply(record({ outcome: { kind: "rejected", status: 422, githubMessage: "x".repeat(600) } }), hostileDescription, packageUrl);
    expect(strings(message.blocks[1]).join("")).toContain(`“${"x".repeat(500)}”`);
    expect(validateBlocks(message.blocks)).toEqual([]);
  });

  it("escapes a hostile requester ID instead of mentioning it", () => {
    const message = renderOutcomeReply(record({ requester: { teamId: "T1", userId: "<!channel>" } }), hostileDescription, packageUrl);
    expect(message.text).toContain(":x: &lt;!channel&gt; Headline");
  });
});

describe("mrkdwn helpers", () => {
  it.each([
    ["U0123ABC", "<@U0123ABC>"],
    ["W0123ABC", "<@W0123ABC>"],
    ["<!channel>", "&lt;!channel&gt;"],
    ["U123><!channel", "U123&gt;&lt;!channel"],
    ["U123|x", "U123|x"],
    ["u0123abc", "u0123abc"],
    ["C0123ABC", "C0123ABC"],
    ["U", "U"],
    ["", ""],
    ["U123 ", "U123 "],
  ])("mention(%j) → %j", (id, expected) => {
    expect(mention(id)).toBe(expected);
  });

  it("link() escapes its label and keeps a pipe from ending it", () => {
    expect(link("https://github.com/x", "a|b <c> & d")).toBe("<https://github.com/x|a¦b &lt;c&gt; &amp; d>");
  });
});
