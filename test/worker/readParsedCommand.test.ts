import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCommand, type ParsedCommand } from "../../src/domain/command/parseCommand.js";
import { readParsedCommand } from "../../src/worker/readParsedCommand.js";

/** As the job carries it: through JSON, as Lambda delivers it. */
const carried = (command: ParsedCommand, v: unknown = 1): unknown => JSON.parse(JSON.stringify({ v, command }));

const restore = parseCommand("acme container team/app version=7 the cleanup job");

describe("readParsedCommand", () => {
  it.each([
    "help",
    "history",
    "history acme 5",
    "versions acme npm left-pad 2",
    "acme npm left-pad",
    "acme container team/app tag=v1 why",
    "acme npm left-pad version=1.4.2",
    "acme npm left-pad version=42",
    "acme npm left-pad token=t1 because",
    "acme pypi x",
    "versions acme",
    "history -x",
    "",
  ])("reads back what the HTTP function made of %j", (text) => {
    const command = parseCommand(text);
    expect(readParsedCommand(carried(command))).toEqual({ ok: true, command });
  });

  it("reads back every parse of any text", () => {
    const word = fc.oneof(
      fc.constantFrom(
        "acme",
        "npm",
        "container",
        "ghcr",
        "versions",
        "history",
        "help",
        "version=3",
        "tag=v1",
        "token=t",
        "2",
        "x/y",
      ),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 7 }), (words) => {
        const command = parseCommand(words.join(" "));
        expect(readParsedCommand(carried(command))).toEqual({ ok: true, command });
      }),
      { numRuns: 1000 },
    );
  });

  it.each<[string, unknown]>([
    ["nothing", undefined],
    ["not an object", "acme npm left-pad"],
    ["no version", { command: restore }],
    ["an older version", carried(restore, 0)],
    ["a newer version", carried(restore, 2)],
    ["a version as text", carried(restore, "1")],
  ])("refuses %s, saying which version it found", (_, value) => {
    const reading = readParsedCommand(value);
    expect(reading.ok).toBe(false);
    expect(!reading.ok && reading.problem).toMatch(/no parsed command|version/);
  });

  const request = (changes: Record<string, unknown>) => ({
    kind: "restore",
    request: {
      org: "acme",
      packageType: "npm",
      packageName: "left-pad",
      target: { kind: "package" },
      reason: "",
      notes: [],
      ...changes,
    },
  });
  it.each<[string, unknown]>([
    ["an unknown kind", { kind: "delete" }],
    ["a restore without its request", { kind: "restore" }],
    ["an org that isn't a login", request({ org: "../acme" })],
    ["a type GitHub doesn't have", request({ packageType: "pypi" })],
    ["an empty name", request({ packageName: "" })],
    ["a version ID that isn't a positive integer", request({ target: { kind: "version", versionId: -1 } })],
    ["a version ID as text", request({ target: { kind: "version", versionId: "7" } })],
    [
      "a lookup by something else",
      request({ target: { kind: "version_lookup", selector: { by: "digest", digest: "x" } } }),
    ],
    ["a reason that isn't text", request({ reason: 5 })],
    ["notes that aren't text", request({ notes: [{}] })],
    ["a history count past the maximum", { kind: "history", count: 51 }],
    [
      "a versions page of 0",
      { kind: "versions", org: "acme", packageType: "npm", packageName: "x", notes: [], page: 0 },
    ],
    ["a usage error about no part", { kind: "invalid", error: { part: "everything", message: "x" }, typed: {} }],
    ["a usage error without typed words", { kind: "invalid", error: { part: "org", message: "x" } }],
  ])("refuses %s", (_, command) => {
    expect(readParsedCommand({ v: 1, command })).toEqual({
      ok: false,
      problem: "the parsed command (version 1) has the wrong shape",
    });
  });
});
