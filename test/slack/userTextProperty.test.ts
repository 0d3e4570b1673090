// Property: whatever a user types, nothing of it reaches Slack as mrkdwn that could ping, link or
// format. Names and tokens only ever appear inside code spans, the reason only as plain_text.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCommand } from "../../src/domain/command/parseCommand.js";
import type { RequestRecord, RequestState } from "../../src/domain/request/requestRecord.js";
import { describeFinalState } from "../../src/domain/request/describeOutcome.js";
import { renderCard } from "../../src/slack/renderCard.js";
import { renderOutcomeReply } from "../../src/slack/renderOutcomeReply.js";
import { mrkdwnStrings } from "../support/blockText.js";

const COMMAND = "/restore-package";

const nameChars = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789._-/");
const tokenChars = fc.constantFrom(..."ABCxyz0123456789._~-");

const outsideCode = (text: string) => text.replace(/`[^`]*`/g, "");

describe("user text in Slack messages", () => {
  it("appears in mrkdwn only inside code spans, and the reason only as plain text", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: nameChars, minLength: 1, maxLength: 30 }),
        fc.string({ unit: tokenChars, minLength: 1, maxLength: 20 }),
        fc.string({ maxLength: 200 }),
        fc.constantFrom<RequestState>("pending", "restoring", "restored", "failed", "denied"),
        (nameTail, token, reasonTail, state) => {
          const parsed = parseCommand(`acme container zq${nameTail} token=TK${token} RZ${reasonTail}`);
          fc.pre(parsed.kind === "restore");
          if (parsed.kind !== "restore") return;
          const { request } = parsed;
          const record: RequestRecord = {
            id: "req-1",
            mode: "approval",
            requester: { teamId: "T1", userId: "U1" },
            channelId: "C1",
            request,
            state,
            createdAt: "2026-11-25T10:00:00.000Z",
            updatedAt: "2026-11-25T10:00:00.000Z",
            expiresAt: "2026-11-26T10:00:00.000Z",
            thread: { channelId: "C1", ts: "1.2" },
            outcome: { kind: state === "restored" ? "restored" : "not_found", status: 404 },
            ...(state === "denied"
              ? { decision: { kind: "denied" as const, by: "U2", at: "2026-11-25T10:01:00.000Z", jobId: "j" } }
              : {}),
          };
          const description = describeFinalState(record, "token", COMMAND, "ghcr.io");
          const messages = [
            renderCard(record, "https://github.com/x", COMMAND, description),
            renderOutcomeReply(record, description, "https://github.com/x"),
          ];
          for (const text of messages.flatMap(mrkdwnStrings).map(outsideCode)) {
            expect(text).not.toContain(request.packageName);
            expect(text).not.toContain(`TK${token}`);
            expect(text).not.toContain("RZ");
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
