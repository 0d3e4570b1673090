import { describe, expect, it } from "vitest";
import { parseCommand } from "../../src/domain/command/parseCommand.js";
import { usage, usageError } from "../../src/ingress/ingressMessages.js";

describe("the HTTP function's usage text", () => {
  it("mentions versions, version= and tag=", () => {
    const text = usage("/restore-package");
    expect(text).toContain("/restore-package versions <org> <type> <name> [page]");
    expect(text).toContain("version=");
    expect(text).toContain("tag=");
  });

  it("names the configured command on every line that shows one, and no other", () => {
    const text = usage("/pkg-staging");
    expect(text.split("\n").filter((line) => line.includes("`"))).toHaveLength(8);
    for (const line of text.split("\n").filter((line) => line.includes("`/"))) expect(line).toMatch(/`\/pkg-staging /);
    expect(text).not.toContain("/restore-package");
  });

  it.each([
    ["history -x", "`-x` can't be a GitHub organization. Use `/pkg-staging history [org] [count]`."],
    [
      "versions acme",
      "Missing the package type and name after the org. Use `/pkg-staging versions <org> <type> <name> [page]`.",
    ],
    [
      "acme pypi x",
      "`pypi` is not a package type GitHub knows. Use one of: npm, maven, rubygems, nuget, docker, container.",
    ],
  ])(
    "answers %j with the parser's message, the configured command's syntax when it points to one, then the usage",
    (text, first) => {
      const parsed = parseCommand(text);
      if (parsed.kind !== "invalid") throw new Error("expected a usage error");
      expect(usageError(parsed.error, "/pkg-staging")).toBe(`:warning: ${first}\n\n${usage("/pkg-staging")}`);
    },
  );
});
