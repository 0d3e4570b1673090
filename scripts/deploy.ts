// `npm run deploy -- --stage prod [--region eu-west-1] [more osls flags]`: builds the bundles,
// checks the stage's settings as the functions will at start-up and that its secrets are stored,
// then runs `osls deploy` with the same flags, and then the doctor (docs/doctor.md). See docs/deploying.md.
import { DescribeParametersCommand, SSMClient } from "@aws-sdk/client-ssm";
import {
  checkParameters,
  checkSettings,
  namedParameters,
  type ParameterFacts,
  type PrintedService,
} from "../local/deploy/preflight.js";
import { osls, printService, run } from "../local/deploy/osls.js";
import { runStageDoctor } from "../local/deploy/stageDoctor.js";

const args = process.argv.slice(2);

function fail(problems: string[]): never {
  console.error(`Not deploying:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
  process.exit(1);
}

await run(process.execPath, [new URL("./build.mjs", import.meta.url).pathname]);

// The configuration osls will deploy, variables resolved (.env.<stage>, environment, flags).
const printed: PrintedService = await printService(args);
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
  await osls(["deploy", ...args]);
} catch {
  process.exit(1); // osls has said why.
}

// The deployed stage, checked from outside as `npm run doctor` does: printed, not failing the deploy that succeeded.
const doctor = await runStageDoctor(printed, args);
console.log(`\nDoctor (npm run doctor -- ${args.join(" ")}):\n${doctor.report}`);
