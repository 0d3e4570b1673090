// Checks made before `osls deploy`, so that a stage missing a setting or a secret fails here, with
// a message saying what to do, instead of deploying functions that cannot start.
import { generateKeyPairSync } from "node:crypto";
import { loadIngressConfig } from "../../src/config/loadIngressConfig.js";
import { loadWorkerConfig } from "../../src/config/loadWorkerConfig.js";
import { HTTP_SECRETS, parameterVariable, WORKER_SECRETS } from "../../src/config/resolveSecrets.js";
import { ConfigError } from "../../src/errors.js";

/** The parts of `osls print --format json` the checks read. */
export interface PrintedService {
  provider: { region: string; environment?: Record<string, unknown> };
  custom?: { secretsKmsKeyArn?: string };
  functions: Record<string, { environment?: Record<string, unknown> }>;
}

/** A function's environment as Lambda will set it (provider-wide variables, then its own). */
export function functionEnvironment(service: PrintedService, fn: string): Record<string, string> {
  const merged = { ...service.provider.environment, ...service.functions[fn]?.environment };
  // CloudFormation references (the table's name) are only known once deployed.
  return Object.fromEntries(
    Object.entries(merged).map(([name, value]) => [
      name,
      typeof value === "string" ? value : `deployed-${name.toLowerCase()}`,
    ]),
  );
}

/** Every SSM parameter the functions will read, by the variable that names it. */
export function namedParameters(service: PrintedService): Array<{ fn: string; variable: string; name: string }> {
  const found: Array<{ fn: string; variable: string; name: string }> = [];
  for (const [fn, secrets] of [
    ["http", HTTP_SECRETS],
    ["worker", WORKER_SECRETS],
  ] as const) {
    const env = functionEnvironment(service, fn);
    for (const secret of secrets) {
      const name = env[parameterVariable(secret)];
      if (name) found.push({ fn, variable: parameterVariable(secret), name });
    }
  }
  return found;
}

/**
 * Runs the functions' own start-up checks on the settings the stage will deploy, with stand-in
 * values for the secrets (which stay in SSM). Returns the problems, each naming a variable.
 */
export function checkSettings(service: PrintedService): string[] {
  const problems: string[] = [];
  const standIns: Record<string, string> = {
    SLACK_SIGNING_SECRET: "preflight-signing-secret",
    SLACK_BOT_TOKEN: "xoxb-preflight",
    GITHUB_TOKEN: "ghp_preflight",
    GITHUB_APP_PRIVATE_KEY: generateKeyPairSync("rsa", { modulusLength: 1024 })
      .privateKey.export({ type: "pkcs8", format: "pem" })
      .toString(),
  };
  const withStandIns = (env: Record<string, string>) => {
    const filled = { ...env };
    for (const [secret, value] of Object.entries(standIns))
      if (filled[parameterVariable(secret)]) filled[secret] = value;
    return filled;
  };
  const attempts: Array<() => unknown> = [
    () => loadIngressConfig(withStandIns(functionEnvironment(service, "http"))),
    () => loadWorkerConfig(withStandIns(functionEnvironment(service, "worker"))),
  ];
  for (const attempt of attempts) {
    try {
      attempt();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(error.message);
    }
  }
  return [...new Set(problems)];
}

/** What DescribeParameters says about one parameter (never its value). */
export interface ParameterFacts {
  name: string;
  type?: string;
  keyId?: string;
}

/** Problems with the stored secrets: missing, stored as plain String, or under a key the roles may not use. */
export function checkParameters(
  wanted: Array<{ variable: string; name: string }>,
  stored: ParameterFacts[],
  secretsKeyArn: string | undefined,
): string[] {
  const problems: string[] = [];
  for (const { variable, name } of wanted) {
    const facts = stored.find((parameter) => parameter.name === name);
    if (!facts) {
      problems.push(
        `${variable}: the SSM parameter ${name} does not exist. Create it as a SecureString (docs/deploying.md, step 4).`,
      );
    } else if (facts.type !== "SecureString") {
      problems.push(
        `${variable}: the SSM parameter ${name} is stored as ${facts.type ?? "another type"}, unencrypted; store it as a SecureString.`,
      );
    } else if (facts.keyId && facts.keyId !== "alias/aws/ssm" && !secretsKeyArn) {
      problems.push(
        `${variable}: the SSM parameter ${name} is encrypted with ${facts.keyId}, not aws/ssm; set SECRETS_KMS_KEY_ARN to that key's ARN so the functions may decrypt it.`,
      );
    }
  }
  return problems;
}
