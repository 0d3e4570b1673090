import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PACKAGE_TYPES } from "../../src/domain/packageTypes.js";
import { MAX_COMMAND_TEXT, parseCommand, type CommandPart, type ParsedCommand } from "../../src/domain/parseCommand.js";
import type { RestoreRequest } from "../../src/domain/restoreRequest.js";

const ORG_LOGIN = /^[a-z\d](?:[a-z\d]|-(?=[a-z\d])){0,38}$/;

function restoreOf(text: string): RestoreRequest {
  const parsed = parseCommand(text);
  if (parsed.kind !== "restore") throw new Error(`expected a request for ${JSON.stringify(text)}, got ${JSON.stringify(parsed)}`);
  return parsed.request;
}

describe("parseCommand: accepted commands", () => {
  const typeCases = PACKAGE_TYPES.flatMap((type) => [type, type.toUpperCase(), type[0]!.toUpperCase() + type.slice(1)].map((word) => [word, type] as const));
  it.each(typeCases)("type %s reads as %s", (word, type) => {
    const request = restoreOf(`acme ${word} widget`);
    expect(request).toMatchObject({ org: "acme", packageType: type, packageName: "widget", reason: "", target: { kind: "package" } });
    expect(request.notes).toEqual([]);
    expect(request.packageToken).toBeUndefined();
  });

  it.each([
    ["gradle", "maven"],
    ["GRADLE", "maven"],
    ["ghcr", "container"],
    ["Ghcr", "container"],
  ])("alias %s reads as %s with a note", (word, type) => {
    const request = restoreOf(`acme ${word} widget`);
    expect(request.packageType).toBe(type);
    expect(request.notes).toHaveLength(1);
    expect(request.notes[0]).toContain(type);
  });

  it.each<[string, Partial<RestoreRequest>, RegExp | undefined]>([
    ["acme npm @acme/left-pad", { packageName: "left-pad" }, /without the scope.*left-pad/],
    ["acme npm Left-Pad", { packageName: "left-pad" }, /lower-cased/],
    ["acme container TEAM/App", { packageName: "team/app" }, /lower-cased/],
    ["acme container team/app", { packageName: "team/app" }, undefined],
    ["acme docker team/sub/app", { packageName: "team/sub/app" }, undefined],
    ["ACME npm left-pad", { org: "acme" }, undefined],
    ["a npm x", { org: "a", packageName: "x" }, undefined],
    ["my-org-2 maven com.acme.lib_x", { org: "my-org-2", packageName: "com.acme.lib_x" }, undefined],
    [`${"a".repeat(39)} npm x`, { org: "a".repeat(39) }, undefined],
    ["  acme   npm   left-pad  ", { packageName: "left-pad", reason: "" }, undefined],
  ])("%j", (text, expected, note) => {
    const request = restoreOf(text);
    expect(request).toMatchObject(expected);
    if (note === undefined) expect(request.notes).toEqual([]);
    else expect(request.notes.join("\n")).toMatch(note);
  });

  it("captures token= and keeps it out of the reason", () => {
    const request = restoreOf("acme npm left-pad token=abc deleted by mistake");
    expect(request.packageToken).toBe("abc");
    expect(request.reason).toBe("deleted by mistake");
  });

  it("treats token= later in the text as part of the reason", () => {
    const request = restoreOf("acme npm left-pad because token=abc");
    expect(request.packageToken).toBeUndefined();
    expect(request.reason).toBe("because token=abc");
  });

  it("keeps the reason's inner text, spacing included", () => {
    expect(restoreOf("acme npm left-pad   deleted  by\tthe cleanup job  ").reason).toBe("deleted  by\tthe cleanup job");
  });

  it("decodes Slack's entity encoding", () => {
    expect(restoreOf("acme npm left-pad ping &lt;!channel&gt; &amp; co").reason).toBe("ping <!channel> & co");
    expect(restoreOf("acme npm left-pad &amp;lt;").reason).toBe("&lt;");
  });

  it(`accepts exactly ${MAX_COMMAND_TEXT} characters`, () => {
    const prefix = "acme npm left-pad ";
    const text = prefix + "r".repeat(MAX_COMMAND_TEXT - prefix.length);
    expect(text).toHaveLength(MAX_COMMAND_TEXT);
    expect(restoreOf(text).reason).toHaveLength(MAX_COMMAND_TEXT - prefix.length);
  });

  it.each(["help", "HELP", "-h", "--help", "?", "  help  ", "help me please"])("%j is help", (text) => {
    expect(parseCommand(text)).toEqual({ kind: "help" });
  });
});

describe("parseCommand: refused commands", () => {
  it.each<[string, CommandPart, RegExp?]>([
    ["", "text"],
    ["   \t\n ", "text"],
    ["acme", "type"],
    ["acme npm", "name"],
    ["acme pypi left-pad", "type", /npm, maven, rubygems, nuget, docker, container/],
    ["acme npm team/app", "name", /npm/],
    ["acme npm @acme/team/app", "name"],
    ["acme container ..", "name"],
    ["acme container ../../user", "name"],
    ["acme npm ..", "name"],
    ["acme npm .hidden", "name"],
    ["acme container team/.hidden", "name"],
    ["acme container team/", "name"],
    ["acme container /team", "name"],
    ["acme container a//b", "name"],
    ["acme npm left%2fpad", "name"],
    [`acme npm ${"a".repeat(256)}`, "name", /255/],
    ["-acme npm x", "org"],
    ["acme- npm x", "org"],
    ["ac--me npm x", "org"],
    ["ac_me npm x", "org"],
    ["ac.me npm x", "org"],
    [`${"a".repeat(40)} npm x`, "org"],
    ["acme npm left-pad token=", "token"],
    [`acme npm left-pad token=${"t".repeat(256)}`, "token"],
  ])("%j is refused naming %s", (text, part, message) => {
    const parsed = parseCommand(text);
    expect(parsed.kind).toBe("invalid");
    if (parsed.kind !== "invalid") return;
    expect(parsed.error.part).toBe(part);
    expect(parsed.error.message.length).toBeGreaterThan(0);
    if (message) expect(parsed.error.message).toMatch(message);
  });

  it(`refuses ${MAX_COMMAND_TEXT + 1} characters, naming the length`, () => {
    const prefix = "acme npm left-pad ";
    const parsed = parseCommand(prefix + "r".repeat(MAX_COMMAND_TEXT + 1 - prefix.length));
    expect(parsed).toMatchObject({ kind: "invalid", error: { part: "text" } });
    expect(parsed.kind === "invalid" && parsed.error.message).toContain(String(MAX_COMMAND_TEXT + 1));
  });
});

describe("parseCommand: properties", () => {
  const wordy = fc.oneof(
    fc.string({ maxLength: 1200 }),
    fc.string({ unit: "grapheme", maxLength: 60 }),
    fc
      .array(fc.oneof(fc.constantFrom(...PACKAGE_TYPES, "gradle", "ghcr", "token=", "token=x", "help", "&lt;", "&amp;", "..", "/", "@a/"), fc.string({ maxLength: 12 })), { maxLength: 8 })
      .map((words) => words.join(" ")),
  );

  function check(parsed: ParsedCommand): void {
    expect(["help", "restore", "invalid"]).toContain(parsed.kind);
    if (parsed.kind === "invalid") expect(parsed.error.message.trim().length).toBeGreaterThan(0);
    if (parsed.kind === "restore") {
      const { org, packageName, packageType } = parsed.request;
      const segment = encodeURIComponent(packageName);
      expect(segment).not.toContain("/");
      expect([".", "..", ""]).not.toContain(segment);
      expect(PACKAGE_TYPES).toContain(packageType);
      expect(org).toMatch(ORG_LOGIN);
      expect(packageName.split("/").every((part) => part !== "." && part !== ".." && part !== "")).toBe(true);
    }
  }

  it("never throws and always returns a well-formed result", () => {
    fc.assert(fc.property(wordy, (text) => check(parseCommand(text))), { numRuns: 2000 });
  });

  it("parses generated valid commands into the same org, type and name", () => {
    const org = fc
      .array(fc.stringMatching(/^[a-z\d]{1,8}$/), { minLength: 1, maxLength: 6 })
      .map((parts) => parts.join("-"))
      .filter((login) => login.length <= 39);
    const name = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,30}$/);
    fc.assert(
      fc.property(org, fc.constantFrom(...PACKAGE_TYPES), name, fc.string({ maxLength: 40 }), (o, t, n, reason) => {
        fc.pre(!/[&<>]/.test(reason) && !/^\s*token=/i.test(reason));
        const parsed = parseCommand(`${o} ${t} ${n} ${reason}`);
        check(parsed);
        expect(parsed).toMatchObject({ kind: "restore", request: { org: o, packageType: t, packageName: n, reason: reason.trim() } });
      }),
    );
  });

  it("accepts an org word exactly when it follows the login rule, else names `org`", () => {
    const orgWord = fc.string({ unit: fc.constantFrom("a", "Z", "9", "-", "_", "."), minLength: 1, maxLength: 42 });
    fc.assert(
      fc.property(orgWord, (word) => {
        fc.pre(!["?", "-h"].includes(word));
        const parsed = parseCommand(`${word} npm left-pad`);
        if (ORG_LOGIN.test(word.toLowerCase())) expect(parsed).toMatchObject({ kind: "restore", request: { org: word.toLowerCase() } });
        else expect(parsed).toMatchObject({ kind: "invalid", error: { part: "org" } });
      }),
      { numRuns: 1000 },
    );
  });
});
