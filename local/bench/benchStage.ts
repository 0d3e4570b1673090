// The stand-ins the cold-start and card rows run against, on 127.0.0.1, with the functions' environment as
// serverless.yml deploys it: secrets named by *_PARAM and read at start-up from an SSM stand-in, the hand-off a
// SigV4-signed Invoke to a Lambda stand-in, which starts a fresh worker process for it (a cold container).
import { generateKeyPairSync } from "node:crypto";
import { startGitHubSimulator, type GitHubSimulator } from "../simulators/github/startGitHubSimulator.js";
import { startLambdaSimulator, type LambdaSimulator } from "../simulators/lambda/startLambdaSimulator.js";
import { startSlackSimulator, type SlackSimulator } from "../simulators/slack/startSlackSimulator.js";
import { startSsmSimulator, type SsmSimulator } from "../simulators/ssm/startSsmSimulator.js";
import { startLocalDynamo, type LocalDynamo } from "../simulators/dynamo/startLocalDynamo.js";
import type { DeployedSettings } from "./deployedSettings.js";

export const SIGNING_SECRET = "bench-signing-secret";
export const BOT_TOKEN = "xoxb-bench-0000";
export const APPROVER = "U0APPROVER1";
const APP_ID = 4242;
/** The org the bench restores in; the App is installed on it. */
export const ORG = "acme";
const REGION = "eu-west-1";
const CREDENTIALS = { accessKeyId: "AKIDBENCH", secretAccessKey: "bench-secret-key", sessionToken: "bench-session" };

/** What Lambda puts in every function's environment, with the AWS endpoints pointed at the stand-ins. */
function lambdaProvided(stage: Pick<BenchStage, "lambda" | "ssm">): Record<string, string> {
  return {
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    AWS_SESSION_TOKEN: CREDENTIALS.sessionToken,
    LAMBDA_ENDPOINT: stage.lambda.url,
    SSM_ENDPOINT: stage.ssm.url,
  };
}

export interface BenchStage {
  settings: DeployedSettings;
  lambda: LambdaSimulator;
  ssm: SsmSimulator;
  slack: SlackSimulator;
  github: GitHubSimulator;
  dynamo: LocalDynamo;
  /** The HTTP function's environment: serverless.yml's, plus what Lambda provides. */
  httpEnv: Record<string, string>;
  /** The worker's: serverless.yml's, plus what Lambda provides, the table, and the stand-ins' addresses. */
  workerEnv: Record<string, string>;
  /** NODE_OPTIONS as deployed, for the subjects that are not our functions (empty process, Bolt apps). */
  nodeOptions: Record<string, string>;
  /** What the Lambda stand-in does with an Invoke of the worker; the cold-start rows leave it a no-op. */
  setWorker(run: (event: unknown) => Promise<unknown>): void;
  close(): Promise<void>;
}

export async function startBenchStage(settings: DeployedSettings): Promise<BenchStage> {
  const http = settings.environment("http");
  const worker = settings.environment("worker");
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const parameters: Record<string, string> = {};
  const secret = (env: Record<string, string>, name: string, value: string) => {
    const param = env[`${name}_PARAM`];
    if (param) parameters[param] = value;
    else env[name] = value;
  };
  const [ssm, slack, github, dynamo] = await Promise.all([
    startSsmSimulator({ credentials: CREDENTIALS, region: REGION, parameters }),
    startSlackSimulator({ botToken: BOT_TOKEN }),
    startGitHubSimulator({ appId: APP_ID, appPublicKey: publicKey, pats: {} }),
    startLocalDynamo(),
  ]);
  github.addOrg(ORG, { installationId: 4343 });
  let runWorker: (event: unknown) => Promise<unknown> = async () => {};
  const functionName = http.WORKER_FUNCTION_NAME;
  if (!functionName) throw new Error("serverless.yml gives the http function no WORKER_FUNCTION_NAME");
  const lambda = await startLambdaSimulator({
    credentials: CREDENTIALS,
    region: REGION,
    functions: { [functionName]: (event) => runWorker(event) },
  });
  const provided = lambdaProvided({ lambda, ssm });
  const httpEnv = { ...http, ...provided };
  secret(httpEnv, "SLACK_SIGNING_SECRET", SIGNING_SECRET);
  const workerEnv = {
    ...worker,
    ...provided,
    TABLE_NAME: dynamo.tableName,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    SLACK_API_URL: slack.apiUrl,
    GITHUB_API_URL: github.url,
    // Left empty in serverless.yml for the operator to fill in.
    GITHUB_APP_ID: worker.GITHUB_APP_ID || String(APP_ID),
    RESTORE_APPROVERS: worker.RESTORE_APPROVERS || APPROVER,
  };
  secret(workerEnv, "SLACK_BOT_TOKEN", BOT_TOKEN);
  secret(workerEnv, "GITHUB_APP_PRIVATE_KEY", privateKey.export({ type: "pkcs8", format: "pem" }).toString());
  const nodeOptions: Record<string, string> = http.NODE_OPTIONS ? { NODE_OPTIONS: http.NODE_OPTIONS } : {};
  return {
    settings,
    lambda,
    ssm,
    slack,
    github,
    dynamo,
    httpEnv,
    workerEnv,
    nodeOptions,
    setWorker(run) {
      runWorker = run;
    },
    async close() {
      await lambda.idle();
      await Promise.all([lambda.close(), ssm.close(), slack.close(), github.close(), dynamo.close()]);
    },
  };
}
