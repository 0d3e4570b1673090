// `npm run deploy -- --stage prod [--region eu-west-1] [more osls flags]`: builds the bundles,
// checks the stage's settings as the functions will at start-up and that its secrets are stored,
// then runs `osls deploy` with the same flags. See docs/deploying.md.
import { spawn } from "node:child_process";
import { DescribeParametersCommand, SSMClient } from "@aws-sdk/client-ssm";
import {
  checkParameters,
  checkSettings,
  namedParameters,
  type ParameterFacts,
  type PrintedService,
} from "../local/deploy/preflight.js";

const args = process.argv.slice(2);
const osls = new URL("../node_modules/.bin/osls", import.meta.url).pathname;

function run(command: string, commandArgs: string[], capture = false): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { stdio: ["inherit", capture ? "pipe" : "inherit", "inherit"] });
    let out = "";
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
    child.once("error", reject);
    child.once("close", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${command} ${commandArgs.join(" ")} exited with ${code}`)),
    );
  });
}

/** The flags that choose what is deployed (stage, region, params, profile), which `osls print` accepts too. */
function selectionFlags(all: string[]): string[] {
  const selected: string[] = [];
  for (let i = 0; i < all.length; i += 1) {
    const [flag, inline] = all[i]!.split("=", 2);
    if (!["--stage", "-s", "--region", "-r", "--param", "--aws-profile", "--config", "-c"].includes(flag!)) continue;
    selected.push(all[i]!);
    if (inline === undefined && all[i + 1] !== undefined) {
      i += 1;
      selected.push(all[i]!);
    }
  }
  return selected;
}

function fail(problems: string[]): never {
  console.error(`Not deploying:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
  process.exit(1);
}

await run(process.execPath, [new URL("./build.mjs", import.meta.url).pathname]);

// The configuration osls will deploy, variables resolved (.env.<stage>, environment, flags).
const printed = JSON.parse(
  await run(osls, ["print", "--format", "json", ...selectionFlags(args)], true),
) as PrintedService;
const settingProblems = checkSettings(printed);
if (settingProblems.length > 0)
  fail([...settingProblems, "Set these in .env.<stage> or the environment (deploy/env.example lists them)."]);

const wanted = namedParameters(printed);
const secretsKeyArn = printed.custom?.secretsKmsKeyArn || undefined;
let stored: ParameterFacts[] | undefined;
try {
  const ssm = new SSMClient({ region: printed.provider.region });
  const answer = await ssm.send(
    new DescribeParametersCommand({
      ParameterFilters: [{ Key: "Name", Option: "Equals", Values: wanted.map((parameter) => parameter.name) }],
      MaxResults: 50,
    }),
  );
  stored = (answer.Parameters ?? []).map((parameter) => ({
    name: parameter.Name ?? "",
    type: parameter.Type,
    keyId: parameter.KeyId,
  }));
} catch (error) {
  console.warn(
    `Could not check the SSM parameters (${error instanceof Error ? error.name : "unknown error"}); deploying anyway.`,
  );
}
if (stored) {
  const parameterProblems = checkParameters(wanted, stored, secretsKeyArn);
  if (parameterProblems.length > 0) fail(parameterProblems);
}

try {
  await run(osls, ["deploy", ...args]);
} catch {
  process.exit(1); // osls has said why.
}
