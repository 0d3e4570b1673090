import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeMrkdwn } from "../../src/slack/escapeMrkdwn.js";

/** Slack's unescaping: the inverse of escapeMrkdwn. `&amp;` last, so `&amp;lt;` stays `&lt;`. */
function unescapeMrkdwn(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

describe("escapeMrkdwn", () => {
  it.each([
    ["", ""],
    ["left-pad", "left-pad"],
    ["<!channel>", "&lt;!channel&gt;"],
    ["<!here|here>", "&lt;!here|here&gt;"],
    ["<@U123>", "&lt;@U123&gt;"],
    ["<#C123|general>", "&lt;#C123|general&gt;"],
    ["<https://evil|x>", "&lt;https://evil|x&gt;"],
    ["a & b", "a &amp; b"],
    ["&lt;", "&amp;lt;"],
    ["&amp;", "&amp;amp;"],
    ["*bold* _it_ ~s~ `code`", "*bold* _it_ ~s~ `code`"],
    ["ünïcødé 🎉 \n tab\t", "ünïcødé 🎉 \n tab\t"],
  ])("%j → %j", (input, expected) => {
    expect(escapeMrkdwn(input)).toBe(expected);
  });

  const text = fc.oneof(
    fc.string({ unit: "grapheme", maxLength: 200 }),
    fc.string({
      unit: fc.constantFrom("<", ">", "&", "a", "!", "@", ";", "l", "t", "g", "m", "p", "#", "|"),
      maxLength: 60,
    }),
  );

  it("never leaves < or > and every & starts an entity", () => {
    fc.assert(
      fc.property(text, (input) => {
        const out = escapeMrkdwn(input);
        expect(out).not.toMatch(/[<>]/);
        expect(out).not.toMatch(/&(?!amp;|lt;|gt;)/);
      }),
      { numRuns: 1000 },
    );
  });

  it("round-trips through Slack's unescaping", () => {
    fc.assert(
      fc.property(text, (input) => {
        expect(unescapeMrkdwn(escapeMrkdwn(input))).toBe(input);
      }),
      { numRuns: 1000 },
    );
  });

  it("changes nothing when there is nothing to escape", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), (input) => {
        fc.pre(!/[&<>]/.test(input));
        expect(escapeMrkdwn(input)).toBe(input);
      }),
    );
  });
});
