// The layout's rules, checked on every file's imports as TypeScript itself reads them (ts.preProcessFile):
// no import cycle; src/ and functions/ (what runs in Lambda) import nothing from local/, scripts/ or test/;
// local/ (what runs only on a laptop) imports nothing from test/ or scripts/; the domain imports no SDK.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");
const TREES = ["functions", "src", "local", "scripts", "test"];
/** Packages whose types would tie the domain to Slack, GitHub or AWS. */
const SDKS = [/^@slack\//, /^@octokit\//, /^@aws-sdk\//, /^@aws-lambda-powertools\//, /^aws-lambda$/];

interface Source {
  /** Other files of this repository it imports, as repository paths. */
  files: string[];
  /** Packages it imports (node_modules and node: builtins), as written. */
  packages: string[];
  /** Relative imports that name no file here. */
  unresolved: string[];
}

function readSources(): Map<string, Source> {
  const paths = TREES.flatMap((tree) =>
    readdirSync(join(ROOT, tree), { recursive: true })
      .map((file) => posix.join(tree, String(file).split("\\").join("/")))
      .filter((file) => /\.(ts|mts|mjs)$/.test(file)),
  );
  const sources = new Map<string, Source>();
  for (const path of paths) {
    const source: Source = { files: [], packages: [], unresolved: [] };
    for (const { fileName } of ts.preProcessFile(readFileSync(join(ROOT, path), "utf8"), true, true).importedFiles) {
      if (!fileName.startsWith(".")) {
        source.packages.push(fileName);
        continue;
      }
      const base = posix.normalize(posix.join(posix.dirname(path), fileName));
      const target = [base, base.replace(/\.js$/, ".ts"), base.replace(/\.mjs$/, ".mts")].find((candidate) =>
        existsSync(join(ROOT, candidate)),
      );
      if (target === undefined) source.unresolved.push(fileName);
      else source.files.push(target);
    }
    sources.set(path, source);
  }
  return sources;
}

/** One import cycle among the graph's files, as the files in order with the first repeated at the end. */
function findCycle(graph: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (file: string): string[] | undefined => {
    state.set(file, "open");
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue;
      if (state.get(next) === "open") return [...path.slice(path.indexOf(next)), next];
      if (!state.has(next)) {
        const cycle = visit(next);
        if (cycle) return cycle;
      }
    }
    path.pop();
    state.set(file, "done");
    return undefined;
  };
  for (const file of [...graph.keys()].sort()) {
    if (state.has(file)) continue;
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return undefined;
}

const sources = readSources();
const under =
  (...prefixes: string[]) =>
  (path: string) =>
    prefixes.some((prefix) => path.startsWith(prefix));
/** The imports between files here whose importer matches `from` and whose target matches `to`, as "a → b". */
function importsBetween(from: (path: string) => boolean, to: (path: string) => boolean): string[] {
  return [...sources]
    .filter(([path]) => from(path))
    .flatMap(([path, { files }]) => files.filter(to).map((target) => `${path} → ${target}`));
}
function graphOf(include: (path: string) => boolean): Map<string, string[]> {
  return new Map(
    [...sources].filter(([path]) => include(path)).map(([path, { files }]) => [path, files.filter(include)]),
  );
}
const cycleMessage = (cycle: string[] | undefined) => `import cycle: ${cycle?.join(" → ")}`;

describe("the import graph", () => {
  it("is read from every file, every relative import naming a file here", () => {
    expect([...sources.keys()].filter(under("src/")).length).toBeGreaterThan(100);
    expect([...sources.values()].reduce((edges, { files }) => edges + files.length, 0)).toBeGreaterThan(500);
    expect([...sources].flatMap(([path, { unresolved }]) => unresolved.map((spec) => `${path}: ${spec}`))).toEqual([]);
  });

  it("finds a cycle when there is one, naming its files", () => {
    expect(
      findCycle(
        new Map([
          ["a.ts", ["b.ts"]],
          ["b.ts", ["c.ts"]],
          ["c.ts", ["b.ts"]],
        ]),
      ),
    ).toEqual(["b.ts", "c.ts", "b.ts"]);
    expect(
      findCycle(
        new Map([
          ["a.ts", ["b.ts", "c.ts"]],
          ["b.ts", ["c.ts"]],
          ["c.ts", []],
        ]),
      ),
    ).toBeUndefined();
  });

  it("has no cycle among src/ files", () => {
    const cycle = findCycle(graphOf(under("src/")));
    expect(cycle, cycleMessage(cycle)).toBeUndefined();
  });

  it("has no cycle anywhere: functions/, src/, local/, scripts/ and test/ together", () => {
    const cycle = findCycle(graphOf(() => true));
    expect(cycle, cycleMessage(cycle)).toBeUndefined();
  });
});

describe("where code may reach", () => {
  it("src/ and functions/, which run in Lambda, import nothing from local/, scripts/ or test/", () => {
    expect(importsBetween(under("src/", "functions/"), under("local/", "scripts/", "test/"))).toEqual([]);
  });

  it("local/ imports nothing from test/ or scripts/, nor the test runner", () => {
    expect(importsBetween(under("local/"), under("test/", "scripts/"))).toEqual([]);
    expect(
      [...sources]
        .filter(([path]) => under("local/")(path))
        .flatMap(([path, { packages }]) =>
          packages.filter((name) => /^vitest(\/|$)/.test(name)).map((name) => `${path}: ${name}`),
        ),
    ).toEqual([]);
  });

  it("scripts/, the entry points, import nothing from test/", () => {
    expect(importsBetween(under("scripts/"), under("test/"))).toEqual([]);
  });
});

describe("the domain", () => {
  const domain = [...sources].filter(([path]) => under("src/domain/")(path));

  it("imports only the domain and src/errors.ts from this repository", () => {
    expect(domain.length).toBeGreaterThan(20);
    expect(
      importsBetween(under("src/domain/"), (target) => !target.startsWith("src/domain/") && target !== "src/errors.ts"),
    ).toEqual([]);
  });

  it("imports no SDK at all, and from any other package only types", () => {
    const offending = domain.flatMap(([path, { packages }]) => {
      const typeOnly = typeOnlyImports(path);
      return packages
        .filter((name) => SDKS.some((sdk) => sdk.test(name)) || !typeOnly.has(name))
        .map((name) => `${path}: ${name}`);
    });
    expect(offending).toEqual([]);
  });
});

/** The modules a file names only in `import type …` and `export type … from` declarations, which leave no import behind. */
function typeOnlyImports(path: string): Set<string> {
  const file = ts.createSourceFile(path, readFileSync(join(ROOT, path), "utf8"), ts.ScriptTarget.Latest);
  const typeOnly = new Set<string>();
  const valued = new Set<string>();
  for (const statement of file.statements) {
    const isImport = ts.isImportDeclaration(statement);
    if (!isImport && !ts.isExportDeclaration(statement)) continue;
    const specifier = statement.moduleSpecifier;
    if (specifier === undefined || !ts.isStringLiteral(specifier)) continue;
    const onlyTypes = isImport ? statement.importClause?.isTypeOnly === true : statement.isTypeOnly;
    (onlyTypes ? typeOnly : valued).add(specifier.text);
  }
  for (const name of valued) typeOnly.delete(name);
  return typeOnly;
}
