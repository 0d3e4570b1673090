import { ConfigError } from "../errors.js";
import type { FetchParameter } from "../secrets/fetchParameter.js";
import { optionalVar, type Env } from "./readEnv.js";

/** The secrets each function reads; everything else in its environment is plain configuration. */
export const HTTP_SECRETS = ["SLACK_SIGNING_SECRET"] as const;
export const WORKER_SECRETS = ["SLACK_BOT_TOKEN", "GITHUB_APP_PRIVATE_KEY", "GITHUB_TOKEN"] as const;

/** The variable that names the parameter holding `variable`'s value, e.g. `SLACK_BOT_TOKEN_PARAM`. */
export function parameterVariable(variable: string): string {
  return `${variable}_PARAM`;
}

// https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-su-create.html (naming constraints)
const PARAMETER_NAME = /^\/?[A-Za-z0-9_.\-/]{1,1011}$/;

/**
 * In Lambda the environment names parameters (`SLACK_BOT_TOKEN_PARAM=/package-restore/prod/slack-bot-token`)
 * and the secrets themselves live in SSM Parameter Store. For each secret whose `*_PARAM` variable is set,
 * fetches the parameter and returns a new environment with the secret's own variable filled in, for the
 * loaders to validate as if it had been set directly. Secrets without a `*_PARAM` variable are left as they
 * are, so local runs keep using plain environment variables. Fetches run in parallel; errors name the
 * variable and the parameter, never a value.
 */
export async function resolveSecrets(
  env: Env,
  fetchParameter: FetchParameter,
  variables: readonly string[],
): Promise<Env> {
  const resolved = await Promise.all(
    variables.map(async (variable): Promise<[string, string] | undefined> => {
      const paramVariable = parameterVariable(variable);
      const name = optionalVar(env, paramVariable);
      if (name === undefined) return undefined;
      if (optionalVar(env, variable) !== undefined) {
        throw new ConfigError(
          paramVariable,
          `both ${variable} and ${paramVariable} are set; set only one (${paramVariable} in AWS, ${variable} for local runs).`,
        );
      }
      if (!PARAMETER_NAME.test(name) || name.includes("//")) {
        throw new ConfigError(
          paramVariable,
          "it is not an SSM parameter name such as /package-restore/prod/slack-bot-token.",
        );
      }
      let value: string;
      try {
        value = await fetchParameter(name);
      } catch (error) {
        const reason = error instanceof Error ? error.message : "unknown error";
        throw new ConfigError(
          paramVariable,
          `could not read the SSM parameter ${name} (${reason}). Store it as a SecureString (see docs/deploying.md, step 4) and check the function's role may read it.`,
        );
      }
      if (value.trim() === "") throw new ConfigError(paramVariable, `the SSM parameter ${name} is empty.`);
      return [variable, value];
    }),
  );
  const filled: Record<string, string | undefined> = { ...env };
  for (const entry of resolved) if (entry !== undefined) filled[entry[0]] = entry[1];
  return filled;
}
