import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PACKAGE_TYPES } from "../../../src/domain/command/packageTypes.js";
import {
  MAX_COMMAND_TEXT,
  parseCommand,
  type CommandPart,
  type ParsedCommand,
} from "../../../src/domain/command/parseCommand.js";
import type { RestoreRequest } from "../../../src/domain/command/restoreRequest.js";

const ORG_LOGIN = /^[a-z\d](?:[a-z\d]|-(?=[a-z\d])){0,38}$/;

function restoreOf(text: string): RestoreRequest {
  const parsed = parseCommand(text);
  if (parsed.kind !== "restore")
    throw new Error(`expected a request for ${JSON.stringify(text)}, got ${JSON.stringify(parsed)}`);
  return parsed.request;
}

describe("parseCommand: accepted commands", () => {
  const typeCases = PACKAGE_TYPES.flatMap((type) =>
    [type, type.toUpperCase(), type[0]!.toUpperCase() + type.slice(1)].map((word) => [word, type] as const),
  );
  it.each(typeCases)("type %s reads as %s", (word, type) => {
    const request = restoreOf(`acme ${word} widget`);
    expect(request).toMatchObject({
      org: "acme",
      packageType: type,
      packageName: "widget",
      reason: "",
      target: { kind: "package" },
    });
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

  it("keeps what was typed where the org, type and name go, for the audit trail", () => {
    expect(parseCommand("Acme pypi left-pad &amp; more")).toMatchObject({
      kind: "invalid",
      typed: { org: "Acme", packageType: "pypi", packageName: "left-pad" },
    });
    expect(parseCommand("acme")).toMatchObject({ kind: "invalid", typed: { org: "acme" } });
    expect(parseCommand("  ")).toEqual({ kind: "invalid", error: expect.anything(), typed: {} });
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
      .array(
        fc.oneof(
          fc.constantFrom(
            ...PACKAGE_TYPES,
            "gradle",
            "ghcr",
            "token=",
            "token=x",
            "help",
            "&lt;",
            "&amp;",
            "..",
            "/",
            "@a/",
          ),
          fc.string({ maxLength: 12 }),
        ),
        { maxLength: 8 },
      )
      .map((words) => words.join(" ")),
  );

  function check(parsed: ParsedCommand): void {
    expect(["help", "history", "versions", "restore", "doctor", "invalid"]).toContain(parsed.kind);
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
    fc.assert(
      fc.property(wordy, (text) => check(parseCommand(text))),
      { numRuns: 2000 },
    );
  });

  it("parses generated valid commands into the same org, type and name", () => {
    const org = fc
      .array(fc.stringMatching(/^[a-z\d]{1,8}$/), { minLength: 1, maxLength: 6 })
      .map((parts) => parts.join("-"))
      .filter((login) => login.length <= 39);
    const name = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,30}$/);
    fc.assert(
      fc.property(org, fc.constantFrom(...PACKAGE_TYPES), name, fc.string({ maxLength: 40 }), (o, t, n, reason) => {
        fc.pre(!/[&<>]/.test(reason) && !/^\s*(token|version|tag)=/i.test(reason));
        const parsed = parseCommand(`${o} ${t} ${n} ${reason}`);
        check(parsed);
        expect(parsed).toMatchObject({
          kind: "restore",
          request: { org: o, packageType: t, packageName: n, reason: reason.trim() },
        });
      }),
    );
  });

  it("accepts an org word exactly when it follows the login rule, else names `org`", () => {
    const orgWord = fc.string({ unit: fc.constantFrom("a", "Z", "9", "-", "_", "."), minLength: 1, maxLength: 42 });
    fc.assert(
      fc.property(orgWord, (word) => {
        fc.pre(!["?", "-h"].includes(word));
        const parsed = parseCommand(`${word} npm left-pad`);
        if (ORG_LOGIN.test(word.toLowerCase()))
          expect(parsed).toMatchObject({ kind: "restore", request: { org: word.toLowerCase() } });
        else expect(parsed).toMatchObject({ kind: "invalid", error: { part: "org" } });
      }),
      { numRuns: 1000 },
    );
  });
});

describe("parseCommand: versions", () => {
  it.each<[string, RestoreRequest["target"]]>([
    ["acme npm left-pad version=123", { kind: "version", versionId: 123 }],
    ["acme npm left-pad VERSION=123", { kind: "version", versionId: 123 }],
    ["acme npm left-pad version=1.4.2", { kind: "version_lookup", selector: { by: "name", name: "1.4.2" } }],
    [
      "acme maven com.acme.lib version=1.0-SNAPSHOT",
      { kind: "version_lookup", selector: { by: "name", name: "1.0-SNAPSHOT" } },
    ],
    [
      "acme npm left-pad version=2.0.0-rc.1+build.5",
      { kind: "version_lookup", selector: { by: "name", name: "2.0.0-rc.1+build.5" } },
    ],
    ["acme container team/app tag=v1.4.2", { kind: "version_lookup", selector: { by: "tag", tag: "v1.4.2" } }],
    ["acme docker team/app tag=Latest_2", { kind: "version_lookup", selector: { by: "tag", tag: "Latest_2" } }],
    ["acme ghcr team/app tag=v1", { kind: "version_lookup", selector: { by: "tag", tag: "v1" } }],
    [
      "acme container team/app version=sha256:abc123",
      { kind: "version_lookup", selector: { by: "name", name: "sha256:abc123" } },
    ],
  ])("%j targets %j", (text, target) => {
    const request = restoreOf(text);
    expect(request.target).toEqual(target);
    expect(request.reason).toBe("");
    expect(request.packageToken).toBeUndefined();
  });

  it("takes the options in any order before the reason, keeping the version string's case", () => {
    expect(restoreOf("acme npm left-pad version=1.4.2-Beta retention job removed it")).toMatchObject({
      target: { selector: { name: "1.4.2-Beta" } },
      reason: "retention job removed it",
    });
    expect(restoreOf("acme npm left-pad token=t1 deleted")).toMatchObject({
      target: { kind: "package" },
      packageToken: "t1",
      reason: "deleted",
    });
    expect(restoreOf("acme npm left-pad because version=2")).toMatchObject({
      target: { kind: "package" },
      reason: "because version=2",
    });
  });

  it.each<[string, CommandPart, RegExp]>([
    ["acme npm left-pad version=", "version", /version ID/],
    ["acme npm left-pad version=0", "version", /start at 1/],
    ["acme npm left-pad version=1234567890123456", "version", /too long for a GitHub version ID/],
    ["acme npm left-pad version=`x`", "version", /isn't a version/],
    ["acme npm left-pad version=1 version=2", "version", /only once/],
    ["acme container team/app version=1 tag=v1", "version", /either `version=` or `tag=`/],
    ["acme container team/app tag=v1 version=1", "version", /either `version=` or `tag=`/],
    ["acme npm left-pad tag=v1.4.2", "tag", /npm packages have no tags.*version=1\.4\.2/],
    ["acme maven com.acme.lib tag=v1", "tag", /maven packages have no tags/],
    ["acme container team/app tag=", "tag", /isn't an image tag/],
    ["acme container team/app tag=.hidden", "tag", /isn't an image tag/],
    [`acme container team/app tag=${"a".repeat(129)}`, "tag", /128/],
    ["acme container team/app tag=a tag=b", "tag", /only once/],
    ["acme npm left-pad token=t1 version=3", "token", /whole-package restore only/],
    ["acme container team/app tag=v1 token=t1", "token", /whole-package restore only/],
  ])("%j is refused naming %s", (text, part, message) => {
    expect(parseCommand(text)).toMatchObject({
      kind: "invalid",
      error: { part, message: expect.stringMatching(message) },
    });
  });
});

describe("parseCommand: the versions subcommand", () => {
  it.each<[string, ParsedCommand]>([
    [
      "versions acme npm web-ui",
      { kind: "versions", org: "acme", packageType: "npm", packageName: "web-ui", page: 1, notes: [] },
    ],
    [
      "Versions ACME ghcr Web/API 2",
      {
        kind: "versions",
        org: "acme",
        packageType: "container",
        packageName: "web/api",
        page: 2,
        notes: [expect.stringContaining("container"), expect.stringContaining("lower-cased")] as string[],
      },
    ],
    [
      "versions acme npm @acme/web-ui",
      {
        kind: "versions",
        org: "acme",
        packageType: "npm",
        packageName: "web-ui",
        page: 1,
        notes: [expect.stringContaining("without the scope")] as string[],
      },
    ],
  ])("%j lists versions", (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it("reads `versions` as an org when a package type follows it, as `history` is", () => {
    expect(restoreOf("versions npm left-pad")).toMatchObject({
      org: "versions",
      packageType: "npm",
      packageName: "left-pad",
    });
    expect(restoreOf("versions container team/app tag=v1")).toMatchObject({
      org: "versions",
      target: { kind: "version_lookup" },
    });
  });

  it.each<[string, CommandPart, RegExp]>([
    ["versions", "org", /Tell me which package/],
    ["versions acme", "type", /Missing the package type/],
    ["versions acme npm", "name", /Missing the package name/],
    ["versions acme pypi x", "type", /pypi/],
    ["versions -acme npm x", "org", /can't be a GitHub organization/],
    ["versions acme npm x 0", "page", /1 to 50/],
    ["versions acme npm x 51", "page", /1 to 50/],
    ["versions acme npm x two", "page", /`two`/],
    ["versions acme npm x 2 more", "text", /Nothing goes after the page/],
  ])("%j is refused naming %s, pointing to the versions syntax", (text, part, message) => {
    expect(parseCommand(text)).toMatchObject({
      kind: "invalid",
      error: { part, message: expect.stringMatching(message), usage: "versions" },
    });
  });

  // The parser doesn't know the command's name (SLACK_COMMAND): it says which syntax applies, the answer names the command.
  it("names no command in its messages", () => {
    for (const text of [
      "versions",
      "versions acme npm x 2 more",
      "history -x",
      "acme pypi x",
      "acme npm left-pad tag=v1",
    ]) {
      const parsed = parseCommand(text);
      expect(parsed.kind === "invalid" && parsed.error.message).not.toContain("/");
    }
  });
});

describe("parseCommand: the history subcommand", () => {
  it.each<[string, ParsedCommand]>([
    ["history", { kind: "history", count: 10 }],
    ["history Acme 5", { kind: "history", org: "acme", count: 5 }],
  ])("%j lists requests", (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it.each<[string, CommandPart, RegExp]>([
    ["history -acme", "org", /`-acme` can't be a GitHub organization\.$/],
    ["history 51", "count", /1 to 50/],
  ])("%j is refused naming %s", (text, part, message) => {
    const parsed = parseCommand(text);
    expect(parsed).toMatchObject({ kind: "invalid", error: { part, message: expect.stringMatching(message) } });
  });

  it("points a bad org to the history syntax", () => {
    expect(parseCommand("history -acme")).toMatchObject({ kind: "invalid", error: { usage: "history" } });
  });
});

describe("parseCommand: the doctor subcommand", () => {
  it.each(["doctor", "Doctor", "  doctor  "])("reads %j as doctor", (text) => {
    expect(parseCommand(text)).toEqual({ kind: "doctor" });
  });

  it("refuses words after it", () => {
    expect(parseCommand("doctor now")).toMatchObject({
      kind: "invalid",
      error: { part: "text", message: "Nothing goes after doctor." },
    });
  });

  it("reads `doctor` as an org when a package type follows it", () => {
    expect(parseCommand("doctor npm left-pad")).toMatchObject({
      kind: "restore",
      request: { org: "doctor", packageType: "npm", packageName: "left-pad" },
    });
  });
});

describe("parseCommand: the repair subcommand", () => {
  const repairOf = (text: string) => {
    const parsed = parseCommand(text);
    if (parsed.kind !== "restore") throw new Error(`not a request: ${JSON.stringify(parsed)}`);
    return parsed.request;
  };
  const DIGEST = `sha256:${"ab".repeat(32)}`;

  it.each([
    ["repair acme team/app:1.4 cleanup broke it", "team/app", { tag: "1.4" }, "cleanup broke it"],
    ["repair acme ghcr.io/acme/team/app:1.4", "team/app", { tag: "1.4" }, ""],
    ["repair Acme ghcr.io/ACME/App:v2-rc.1 why", "app", { tag: "v2-rc.1" }, "why"],
    ["repair acme containers.ghe.example:443/acme/app:1.4", "app", { tag: "1.4" }, ""],
    [`repair acme ghcr.io/acme/app@${DIGEST}`, "app", { digest: DIGEST }, ""],
    [`repair acme app:1.4@${DIGEST}`, "app", { digest: DIGEST }, ""],
    ["repair acme container team/app tag=1.4 the reason", "team/app", { tag: "1.4" }, "the reason"],
    ["repair acme ghcr team/app tag=1.4", "team/app", { tag: "1.4" }, ""],
  ])("reads %j", (text, packageName, reference, reason) => {
    expect(repairOf(text)).toMatchObject({
      org: "acme",
      packageType: "container",
      packageName,
      target: { kind: "repair", reference },
      reason,
    });
  });

  it("without a tag, scans (page 1 unless page= says)", () => {
    expect(repairOf("repair acme team/app").target).toEqual({ kind: "repair" });
    expect(repairOf("repair acme container team/app every tag broke").target).toEqual({ kind: "repair" });
    expect(repairOf("repair acme team/app page=3 nightly cleanup").target).toEqual({ kind: "repair", page: 3 });
    expect(repairOf("repair acme team/app page=3 nightly cleanup").reason).toBe("nightly cleanup");
  });

  it.each([
    ["repair", "name", "Tell me which image to repair"],
    ["repair acme", "name", "Tell me which image to repair"],
    ["repair acme ghcr.io/other/app:1.4", "name", "is not an image of `acme`"],
    ["repair acme app:-x", "tag", "`-x` isn't a tag a registry allows."],
    ["repair acme app@sha256:abc", "tag", "isn't an image digest"],
    ["repair acme App_!:1", "name", "isn't a container package name GitHub allows"],
    ["repair acme npm left-pad", "type", "Only container images can be repaired, not npm packages."],
    ["repair acme container app tag=:x", "tag", "isn't a tag a registry allows."],
    ["repair acme app:1.4 page=2", "page", "A page goes with a whole image, not with a tag."],
    ["repair acme app page=0", "page", "The page is a number from 1 to 20"],
    ["repair a_b app:1", "org", "can't be a GitHub organization"],
  ])("refuses %j, naming the %s and pointing to the repair syntax", (text, part, message) => {
    const parsed = parseCommand(text);
    expect(parsed.kind).toBe("invalid");
    if (parsed.kind !== "invalid") return;
    expect(parsed.error).toMatchObject({ part, usage: "repair" });
    expect(parsed.error.message).toContain(message);
  });

  it("reads `repair` as an org when a package type follows it", () => {
    expect(repairOf("repair container app")).toMatchObject({
      org: "repair",
      packageName: "app",
      target: { kind: "package" },
    });
  });
});
