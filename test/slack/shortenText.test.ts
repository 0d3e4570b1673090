import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeMrkdwn } from "../../src/slack/escapeMrkdwn.js";
import { code, link, mention, slackDate } from "../../src/slack/mrkdwn.js";
import { ELLIPSIS, shortenText } from "../../src/slack/shortenText.js";

describe("shortenText", () => {
  it("leaves text that fits alone, up to the last character", () => {
    expect(shortenText("abcdef", 6)).toBe("abcdef");
    expect(shortenText("", 0)).toBe("");
  });

  it("cuts to the limit, the … included", () => {
    expect(shortenText("abcdefgh", 6)).toBe("abcde…");
    expect(shortenText("abcdefgh", 1)).toBe("…");
    expect(shortenText("abcdefgh", 0)).toBe("");
  });

  it.each([
    ["an escape", "ab&amp;cd", 5, "ab…"],
    ["an escape, one character short of it", "ab&amp;cd", 7, "ab…"],
    ["an escape it has room for", "ab&amp;cd", 8, "ab&amp;…"],
    ["a mention", "hi <@U0REQ42> there", 8, "hi …"],
    ["a link", `see ${link("https://github.com/orgs/acme", "on GitHub")} now`, 20, "see …"],
    ["a date", `at ${slackDate("2026-11-01T12:34:56.000Z")}!`, 30, "at …"],
  ])("keeps whole %s", (_what, text, max, expected) => {
    expect(shortenText(text, max)).toBe(expected);
  });

  it("closes a code span the cut leaves open, so its insides stay unformatted", () => {
    expect(shortenText("name `a_b_c_d_e_f` here", 12)).toBe("name `a_b_…`");
    expect(shortenText("`abcdefghij`", 6)).toBe("`abc…`");
  });

  it("does not close a span when the cut falls right after its opening backtick", () => {
    expect(shortenText("ab`cdef`", 4)).toBe("ab…");
  });

  it("keeps a character of two UTF-16 units whole", () => {
    expect(shortenText("ab😀cd", 4)).toBe("ab…");
    expect(shortenText("ab😀cd", 4, "plain_text")).toBe("ab…");
  });

  it("cuts plain_text anywhere: there is no markup in it", () => {
    expect(shortenText("ab&amp;cd <@U1>", 5, "plain_text")).toBe("ab&a…");
  });
});

/** Pieces of the mrkdwn the renderers build: escaped user text, code spans, mentions, links, dates. */
const piece = fc.oneof(
  fc.string({ maxLength: 30 }).map(escapeMrkdwn),
  fc.string({ maxLength: 30 }).map(code),
  fc.constantFrom("U0REQ42", "W0APPR1").map(mention),
  fc.string({ maxLength: 20 }).map((label) => link("https://github.com/orgs/acme/packages", label)),
  fc.constant(slackDate("2026-11-01T12:34:56.000Z")),
  fc.constantFrom(" · ", "\n", "*Org*", ":package: "),
);

/** The part of a shortened text that came from the original, without the … (and closing backtick). */
const kept = (short: string) => short.replace(/…`?$/, "");

describe("shortenText on any mrkdwn", () => {
  it("fits the limit, keeps a prefix, and leaves every mention, link, date and escape whole", () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.integer({ min: 0, max: 400 }), (pieces, max) => {
        const text = pieces.join("");
        const short = shortenText(text, max);
        expect(short.length).toBeLessThanOrEqual(max);
        if (text.length <= max) {
          expect(short).toBe(text);
          return;
        }
        if (max >= ELLIPSIS.length) expect(short.includes(ELLIPSIS)).toBe(true);
        const prefix = kept(short);
        expect(text.startsWith(prefix)).toBe(true);
        // Whole tokens only: every < is closed, every & starts a complete escape.
        expect(prefix.replace(/<[^<>]*>/g, "")).not.toMatch(/[<>]/);
        expect(prefix).not.toMatch(/&(?!amp;|lt;|gt;)/);
        expect(short.split("`").length % 2).toBe(1);
      }),
      { numRuns: 500 },
    );
  });
});
