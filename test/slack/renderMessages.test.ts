import { describe, expect, it } from "vitest";
import type { OutcomeDescription } from "../../src/domain/request/describeOutcome.js";
import { parseCommand } from "../../src/domain/command/parseCommand.js";
import {
  type Decision,
  REQUEST_STATES,
  type RequestRecord,
  type RequestState,
} from "../../src/domain/request/requestRecord.js";
import { createGitHubRestorer } from "../../src/github/createGitHubRestorer.js";
import { link, mention } from "../../src/slack/mrkdwn.js";
import { renderOutcomeReply } from "../../src/slack/renderOutcomeReply.js";
import { ACTION_IDS } from "../../src/slack/actionIds.js";
import { renderCard, type SlackMessage } from "../../src/slack/renderCard.js";
import { validateBlocks } from "../../local/simulators/slack/blockKit.js";
import { mrkdwnStrings as strings, plainTexts } from "../support/blockText.js";

const COMMAND = "/restore-package";

const REQUESTER = "U0REQ42";
const APPROVER = "U0APPR1";
const HOSTILE = "ping <!channel> <@U123> <https://evil|x> & co";
const github = createGitHubRestorer({
  authMode: "token",
  token: "ghp_x",
  apiUrl: "https://api.github.com",
  webUrl: "https://github.com",
});

function record(overrides: Partial<RequestRecord> = {}): RequestRecord {
  return {
    id: "req-1",
    mode: "approval",
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
    expiresAt: "2026-11-02T12:34:56.000Z",
    decision: { kind: "approved", by: APPROVER, at: "2026-11-01T12:34:58.000Z", jobId: "job-click-1" },
    outcome: { kind: "rejected", status: 422, githubMessage: `GitHub says ${HOSTILE}`, githubRequestId: "<@U123>" },
    ...overrides,
  };
}

const hostileDescription: OutcomeDescription = {
  ok: false,
  headline: `Headline ${HOSTILE}`,
  nextStep: `Next ${HOSTILE}`,
};

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Removes the markup the renderers are meant to produce; whatever is left must be plain escaped text. */
function withoutOwnMarkup(text: string, packageUrl: string): string {
  return text
    .replace(new RegExp(`<@(${REQUESTER}|${APPROVER})>`, "g"), "")
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

/** The card's buttons, as plain objects. */
function buttonsOf(message: SlackMessage): Record<string, unknown>[] {
  const actions = message.blocks.filter((block) => block.type === "actions");
  expect(actions).toHaveLength(1);
  return actions[0]!.elements as unknown as Record<string, unknown>[];
}

function approvedBy(userId: string): Decision {
  return { kind: "approved", by: userId, at: "2026-11-01T12:34:58.000Z", jobId: "job-click-1" };
}

/** A record as it would be in `state`: a decision only where one was made. */
function inState(state: RequestState, overrides: Partial<RequestRecord> = {}): RequestRecord {
  const decision: Decision | undefined =
    state === "denied" || state === "cancelled"
      ? { ...approvedBy(state === "cancelled" ? REQUESTER : APPROVER), kind: state }
      : state === "expired"
        ? { kind: "expired", at: "2026-11-02T12:35:00.000Z", jobId: "job-click-9" }
        : ["approved", "restoring", "restored", "failed"].includes(state)
          ? approvedBy(APPROVER)
          : undefined;
  return record({ state, decision, ...overrides });
}

describe("renderCard", () => {
  const packageUrl = github.packageUrl(record().request);

  it.each(REQUEST_STATES)("escapes user text in every field (state %s)", (state) => {
    const message = renderCard(inState(state), packageUrl, COMMAND, hostileDescription);
    expectSafe(message, packageUrl);
    const joined = strings(message).join("\n");
    expect(joined).toContain("&lt;!here&gt; &amp; &lt;@U123&gt;");
    // The reason is plain_text: shown exactly as typed, never read as mrkdwn.
    expect(plainTexts(message)).toContain(`Reason: ${HOSTILE}`);
    expect(message.text).toContain(`<@${REQUESTER}>`);
  });

  it("shows the failure headline escaped on a failed request", () => {
    const context = strings(renderCard(record(), packageUrl, COMMAND, hostileDescription).blocks[2]).join("");
    expect(context).toContain("Not restored: Headline ping &lt;!channel&gt;");
    expect(context).toContain("· request `req-1`");
  });

  it("links the package with the encoded URL it was given, label escaped", () => {
    const message = renderCard(record(), packageUrl, COMMAND);
    expect(packageUrl).toBe(
      "https://github.com/orgs/%3Chttps%3A%2F%2Fevil%7Cx%3E/packages/container/package/%3C!channel%3E%26%3C%40U123%3E%7Cteam%2Fapp",
    );
    const joined = strings(message).join("\n");
    expect(joined).toContain(`<${packageUrl}|on GitHub>`);
    expect(joined).toContain("`&lt;!channel&gt;&amp;&lt;@U123&gt;|team/app`");
  });

  it("links a container name with a slash as one encoded path segment", () => {
    const parsed = parseCommand("acme container team/app");
    if (parsed.kind !== "restore") throw new Error("expected a request");
    const url = github.packageUrl(parsed.request);
    expect(url).toBe("https://github.com/orgs/acme/packages/container/package/team%2Fapp");
    expect(strings(renderCard(record({ request: parsed.request }), url, COMMAND)).join("\n")).toContain(
      `*Package*\n\`team/app\` · <${url}|on GitHub>`,
    );
  });

  it("says when no reason was given", () => {
    const message = renderCard(record({ request: { ...record().request, reason: "" } }), packageUrl, COMMAND);
    expect(plainTexts(message.blocks[1])).toEqual(["Reason: none given"]);
  });

  it.each(REQUEST_STATES)("stays within Block Kit limits for an ordinary request (state %s)", (state) => {
    expect(validateBlocks(renderCard(inState(state), packageUrl, COMMAND, hostileDescription).blocks)).toEqual([]);
  });

  it("stays within Block Kit limits for the longest reason the parser accepts", () => {
    const prefix = "acme npm left-pad ";
    const parsed = parseCommand(prefix + "&".repeat(1000 - prefix.length));
    if (parsed.kind !== "restore") throw new Error("expected a request");
    for (const state of ["pending", "failed"] as const) {
      const message = renderCard(
        inState(state, { request: parsed.request }),
        github.packageUrl(parsed.request),
        COMMAND,
        hostileDescription,
      );
      expect(validateBlocks(message.blocks)).toEqual([]);
    }
  });

  it("gives a pending card exactly Approve, Deny and Cancel, each carrying the request ID", () => {
    const message = renderCard(inState("pending"), packageUrl, COMMAND);
    const elements = buttonsOf(message);
    expect(message.blocks.at(-1)?.type).toBe("actions");
    expect(elements.map((e) => [e.type, e.action_id, e.value])).toEqual([
      ["button", "restore_approve", "req-1"],
      ["button", "restore_deny", "req-1"],
      ["button", "restore_cancel", "req-1"],
    ]);
    expect(Object.values(ACTION_IDS)).toEqual(["restore_approve", "restore_deny", "restore_cancel"]);
    expect(elements.map((e) => (e.text as { text: string }).text)).toEqual(["Approve", "Deny", "Cancel"]);
  });

  it("asks for confirmation before Approve, naming the package escaped; Deny and Cancel act at once", () => {
    const [approve, deny, cancel] = buttonsOf(renderCard(inState("pending"), packageUrl, COMMAND));
    expect(approve?.confirm).toMatchObject({
      title: { type: "plain_text", text: expect.any(String) },
      text: {
        type: "mrkdwn",
        text: expect.stringContaining("`&lt;!channel&gt;&amp;&lt;@U123&gt;|team/app` in &lt;https://evil|x&gt;"),
      },
      confirm: { type: "plain_text", text: expect.any(String) },
      deny: { type: "plain_text", text: expect.any(String) },
    });
    expect(deny?.confirm).toBeUndefined();
    expect(cancel?.confirm).toBeUndefined();
  });

  it("says a pending request is waiting and when it expires", () => {
    const message = renderCard(inState("pending"), packageUrl, COMMAND);
    expect(message.text).toMatch(new RegExp(`^<@${REQUESTER}> asks to restore the container package`));
    const context = strings(message.blocks[2]).join("");
    expect(context).toContain("Waiting for approval · expires <!date^1793622896^");
  });

  it.each(REQUEST_STATES.filter((state) => state !== "pending"))("has no buttons once the request is %s", (state) => {
    const message = renderCard(inState(state), packageUrl, COMMAND, hostileDescription);
    expect(message.blocks.some((block) => block.type === "actions")).toBe(false);
    expect(message.text).toContain("asked to restore");
  });

  it.each<[RequestState, Decision, string]>([
    ["approved", approvedBy(APPROVER), `:ballot_box_with_check: Approved by <@${APPROVER}> <!date^`],
    ["restoring", approvedBy(APPROVER), `Approved by <@${APPROVER}>`],
    ["restored", approvedBy(APPROVER), `Approved by <@${APPROVER}>`],
    ["failed", approvedBy(APPROVER), `Approved by <@${APPROVER}>`],
    ["denied", { ...approvedBy(APPROVER), kind: "denied" }, `:no_entry: Denied by <@${APPROVER}> <!date^`],
    ["cancelled", { ...approvedBy(REQUESTER), kind: "cancelled" }, `Cancelled by <@${REQUESTER}> <!date^`],
  ])("shows who decided on a %s card", (state, decision, expected) => {
    const context = strings(
      renderCard(inState(state, { decision }), packageUrl, COMMAND, hostileDescription).blocks[2],
    ).join("");
    expect(context).toContain(expected);
  });

  it("names nobody on an expired card", () => {
    const context = strings(renderCard(inState("expired"), packageUrl, COMMAND).blocks[2]).join("");
    expect(context).toContain(":hourglass: Expired <!date^1793622896^");
    expect(context).toContain(": nobody decided within 24 h");
    expect(context).not.toMatch(/ by /);
  });

  it("shows no approval on a direct restore", () => {
    const context = strings(
      renderCard(record({ mode: "direct", state: "restored", decision: undefined }), packageUrl, COMMAND).blocks[2],
    ).join("");
    expect(context).toContain(":white_check_mark: Restored");
    expect(context).not.toContain("Approved");
  });

  it("escapes a decider that is not a user ID instead of mentioning it", () => {
    const decision = { ...approvedBy("<!channel>"), kind: "denied" as const };
    const joined = strings(renderCard(inState("denied", { decision }), packageUrl, COMMAND)).join("\n");
    expect(joined).toContain("Denied by &lt;!channel&gt;");
    expect(joined).not.toContain("<!channel>");
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

  it("links the package on success, with a label of its own", () => {
    const restored = record({ state: "restored", outcome: { kind: "restored", status: 204 } });
    const message = renderOutcomeReply(
      restored,
      { ok: true, headline: `Restored ${HOSTILE}`, nextStep: "" },
      packageUrl,
    );
    expectSafe(message, packageUrl);
    expect(message.text.startsWith(":white_check_mark:")).toBe(true);
    expect(strings(message).join("\n")).toContain(`<${packageUrl}|Open the package on GitHub>`);
  });

  it("omits the GitHub context when GitHub did not answer", () => {
    const message = renderOutcomeReply(
      record({ outcome: { kind: "github_unavailable" } }),
      hostileDescription,
      packageUrl,
    );
    expect(message.blocks).toHaveLength(1);
  });

  it("cuts GitHub's message to 500 characters, … included, before escaping", () => {
    const message = renderOutcomeReply(
      record({ outcome: { kind: "rejected", status: 422, githubMessage: "&".repeat(600) } }),
      hostileDescription,
      packageUrl,
    );
    expect(strings(message.blocks[1]).join("")).toContain(`“${"&amp;".repeat(499)}…”`);
    expect(validateBlocks(message.blocks)).toEqual([]);
  });

  it("names the approver after an approved restore", () => {
    const restored = record({
      state: "restored",
      outcome: { kind: "restored", status: 204 },
      decision: approvedBy(APPROVER),
    });
    const message = renderOutcomeReply(restored, { ok: true, headline: "Restored it.", nextStep: "" }, packageUrl);
    expect(message.text).toBe(`:white_check_mark: <@${REQUESTER}> Restored it. (approved by <@${APPROVER}>)`);
  });

  it("names the approver who denied", () => {
    const denied = record({
      state: "denied",
      outcome: undefined,
      decision: { ...approvedBy(APPROVER), kind: "denied" },
    });
    const message = renderOutcomeReply(denied, { ok: false, headline: "Denied.", nextStep: "" }, packageUrl);
    expect(message.text).toBe(`:x: <@${REQUESTER}> Denied. (denied by <@${APPROVER}>)`);
    expect(message.blocks).toHaveLength(1);
  });

  it.each<[string, Partial<RequestRecord>]>([
    ["cancelled by the requester", { state: "cancelled", decision: { ...approvedBy(REQUESTER), kind: "cancelled" } }],
    [
      "expired",
      { state: "expired", decision: { kind: "expired", at: "2026-11-02T12:35:00.000Z", jobId: "job-click-9" } },
    ],
    ["restored directly", { mode: "direct", state: "restored", decision: undefined }],
  ])("names nobody when %s", (_name, overrides) => {
    const message = renderOutcomeReply(
      record({ outcome: undefined, ...overrides }),
      { ok: false, headline: "Over.", nextStep: "" },
      packageUrl,
    );
    expect(message.text).toBe(`:x: <@${REQUESTER}> Over.`);
  });

  it("escapes a decider that is not a user ID", () => {
    const message = renderOutcomeReply(record({ decision: approvedBy("<!here>") }), hostileDescription, packageUrl);
    expect(message.text).toContain("(approved by &lt;!here&gt;)");
    expect(message.text).not.toContain("<!here>");
  });

  it("escapes a hostile requester ID instead of mentioning it", () => {
    const message = renderOutcomeReply(
      record({ requester: { teamId: "T1", userId: "<!channel>" } }),
      hostileDescription,
      packageUrl,
    );
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
