// What serverless.yml deploys, read from it rather than copied: the Lambda runtime and each function's
// environment (provider-wide and its own), so the bench runs the bundles under the settings Lambda gives them.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

// js-yaml comes with osls (pinned in devDependencies), which parses serverless.yml with it.
const yaml = createRequire(import.meta.url)("js-yaml") as { load(text: string): unknown };

interface ServerlessFile {
  service: string;
  provider: { runtime: string; environment?: Record<string, unknown> };
  functions: Record<string, { environment?: Record<string, unknown> }>;
  custom?: Record<string, unknown>;
}

export interface DeployedSettings {
  /** e.g. "nodejs24.x". */
  runtime: string;
  /** The runtime's Node major, e.g. 24. */
  nodeMajor: number;
  /**
   * The function's environment as the template gives it, on stage `stage`: `${env:X, 'default'}` takes its
   * default (the bench does not read the operator's environment), `${self:…}` and `${sls:stage}` are resolved,
   * and values that are CloudFormation references (the table's name) are left out for the caller to supply.
   */
  environment(fn: string): Record<string, string>;
}

export const BENCH_STAGE = "bench";

export function readDeployedSettings(repoRoot: string): DeployedSettings {
  const file = yaml.load(readFileSync(join(repoRoot, "serverless.yml"), "utf8")) as ServerlessFile;
  const runtime = file.provider.runtime;
  const major = /^nodejs(\d+)\.x$/.exec(runtime)?.[1];
  if (major === undefined) throw new Error(`serverless.yml's provider.runtime is ${runtime}, not a nodejsNN.x runtime`);
  return {
    runtime,
    nodeMajor: Number(major),
    environment(fn) {
      const own = file.functions[fn];
      if (own === undefined) throw new Error(`serverless.yml has no function ${fn}`);
      const merged = { ...file.provider.environment, ...own.environment };
      const env: Record<string, string> = {};
      for (const [name, value] of Object.entries(merged)) {
        if (typeof value === "string") env[name] = resolve(value, file);
        else if (typeof value === "number" || typeof value === "boolean") env[name] = String(value);
      }
      return env;
    },
  };
}

/** Resolves the innermost `${…}` first, as the framework does, until none is left. */
function resolve(text: string, file: ServerlessFile): string {
  let value = text;
  for (let depth = 0; depth < 10; depth += 1) {
    const next = value.replace(/\$\{([^${}]+)\}/g, (_, inner: string) => variable(inner.trim(), file));
    if (next === value) return value;
    value = next;
  }
  throw new Error(`serverless.yml: variables nested too deep in ${text}`);
}

function variable(expression: string, file: ServerlessFile): string {
  const withDefault = /^env:[A-Za-z_][A-Za-z0-9_]*\s*,\s*'([^']*)'$/.exec(expression);
  if (withDefault) return withDefault[1]!;
  if (expression === "sls:stage") return BENCH_STAGE;
  if (expression.startsWith("self:")) {
    let node: unknown = file;
    for (const key of expression.slice(5).split(".")) node = (node as Record<string, unknown> | undefined)?.[key];
    if (typeof node === "string") return node;
  }
  throw new Error(`serverless.yml: the bench cannot resolve \${${expression}}`);
}
