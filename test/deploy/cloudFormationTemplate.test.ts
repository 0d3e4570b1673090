// Packages the service with osls, offline and without AWS credentials, and checks the CloudFormation
// template it would deploy: runtime and architecture, the Slack route, the worker's retries and
// dead-letter destination and its alarm, the sweep's schedule, the table's settings, log retention, least-privilege IAM,
// the bundles from our own build, that no secret reaches the template, every alarm (its metric, threshold and
// action), the dashboard, and tracing.
import { CREDENTIAL_CHECK_EVERY_MS } from "../../src/worker/createCredentialCheckSchedule.js";
import { SWEEP_EVERY_MS } from "../../src/domain/doctor/doctorSetup.js";
import { generateKeyPairSync } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { crc32 } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { loadIngressConfig } from "../../src/config/loadIngressConfig.js";
import { loadWorkerConfig } from "../../src/config/loadWorkerConfig.js";
import { createIngressMetrics } from "../../src/ingress/createIngressMetrics.js";
import { createJsonLogger } from "../../src/log/logger.js";
import { CREDENTIAL_OUTCOMES } from "../../src/metrics/credentialOutcomes.js";
import { createPowertoolsMetrics } from "../../src/metrics/createPowertoolsMetrics.js";
import { LAMBDA_DELIVERY_ATTEMPTS } from "../../src/worker/createWorker.js";
import { isSweepEvent } from "../../src/worker/sweepEvent.js";
import { captureLogLines } from "../support/captureLogLines.js";
import {
  packageService,
  REPO_ROOT,
  zipEntries,
  type CloudFormationTemplate,
  type PackagedService,
} from "./packageService.js";

/** Secrets as an operator might have them in their shell while packaging: none may reach the template. */
const SECRETS = {
  SLACK_SIGNING_SECRET: "sig-SECRET-in-shell-5f1c9e",
  SLACK_BOT_TOKEN: "xoxb-SECRET-in-shell-77aa",
  GITHUB_TOKEN: "ghp_SECRETinshell0000000000000000000000",
  GITHUB_APP_PRIVATE_KEY: generateKeyPairSync("rsa", { modulusLength: 1024 })
    .privateKey.export({ type: "pkcs8", format: "pem" })
    .toString(),
};
const SETTINGS = { RESTORE_APPROVERS: "U0DEPLOYAPPROVER", GITHUB_APP_ID: "123456", RESTORE_ORGS: "acme" };
const KMS_KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

let app: PackagedService;
let token: PackagedService;

beforeAll(async () => {
  // The default (GitHub App) mode, and the classic-PAT mode with a customer managed key, an alarm e-mail and a renamed command.
  [app, token] = await Promise.all([
    packageService("ci", { ...SECRETS, ...SETTINGS }),
    packageService("ci", {
      ...SECRETS,
      ...SETTINGS,
      GITHUB_AUTH: "token",
      SECRETS_KMS_KEY_ARN: KMS_KEY,
      ALARM_EMAIL: "platform-alerts@example.com",
      SLACK_COMMAND: "/restore-package-staging",
    }),
  ]);
}, 180_000);

type Resource = CloudFormationTemplate["Resources"][string];
const resource = (packaged: PackagedService, name: string): Resource => {
  const found = packaged.template.Resources[name];
  if (!found) throw new Error(`no resource ${name}`);
  return found;
};
const props = (packaged: PackagedService, name: string): Record<string, unknown> =>
  resource(packaged, name).Properties ?? {};
const ofType = (packaged: PackagedService, type: string): Array<[string, Resource]> =>
  Object.entries(packaged.template.Resources).filter(([, r]) => r.Type === type);
const environment = (packaged: PackagedService, fn: string): Record<string, unknown> =>
  (props(packaged, fn).Environment as { Variables: Record<string, unknown> }).Variables;

/** Evaluates the template's conditions, which only compare literals. */
function condition(packaged: PackagedService, name: string): boolean {
  const evaluate = (node: unknown): boolean => {
    const n = node as Record<string, unknown[]>;
    if (n["Fn::Not"]) return !evaluate(n["Fn::Not"][0]);
    if (n["Fn::Equals"]) return n["Fn::Equals"][0] === n["Fn::Equals"][1];
    throw new Error(`unsupported condition ${JSON.stringify(node)}`);
  };
  return evaluate(packaged.template.Conditions?.[name]);
}

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

/** A role's inline policy statements, with `Fn::If` resolved against the template's conditions. */
function statements(packaged: PackagedService, role: string): Statement[] {
  const policies = props(packaged, role).Policies as Array<{ PolicyDocument: { Statement: unknown[] } }>;
  return policies.flatMap((policy) =>
    policy.PolicyDocument.Statement.flatMap((statement) => {
      const branch = (statement as { "Fn::If"?: [string, unknown, unknown] })["Fn::If"];
      if (!branch) return [statement as Statement];
      const chosen = condition(packaged, branch[0]) ? branch[1] : branch[2];
      return JSON.stringify(chosen) === JSON.stringify({ Ref: "AWS::NoValue" }) ? [] : [chosen as Statement];
    }),
  );
}

const list = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
/** A resource as text: a literal ARN, a Fn::Sub pattern, or Fn::GetAtt's `Logical.Attribute`. */
function resourceText(value: unknown): string {
  if (typeof value === "string") return value;
  const v = value as { "Fn::Sub"?: string; "Fn::GetAtt"?: string[]; Ref?: string };
  if (v["Fn::Sub"]) return v["Fn::Sub"];
  if (v["Fn::GetAtt"]) return `GetAtt:${v["Fn::GetAtt"].join(".")}`;
  if (v.Ref) return `Ref:${v.Ref}`;
  throw new Error(`unexpected resource ${JSON.stringify(value)}`);
}
/** action → resources, for comparing a role with what its function uses. */
function grants(packaged: PackagedService, role: string): Record<string, string[]> {
  const byAction: Record<string, string[]> = {};
  for (const statement of statements(packaged, role)) {
    expect(statement.Effect).toBe("Allow");
    for (const action of list(statement.Action)) {
      byAction[action] ??= [];
      byAction[action].push(...list(statement.Resource).map(resourceText));
    }
  }
  for (const resources of Object.values(byAction)) resources.sort();
  return byAction;
}

const ARN = "arn:${AWS::Partition}";
/** What Lambda's active tracing sends with the function's role. */
const XRAY_WRITE = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"];
const TRACING_GRANTS = Object.fromEntries(XRAY_WRITE.map((action) => [action, ["*"]]));
const PARAMS = `${ARN}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter/package-restore/ci`;

describe("the functions", () => {
  it.each(["HttpLambdaFunction", "WorkerLambdaFunction"])("%s runs Node 24 on arm64 with its own role", (fn) => {
    expect(props(app, fn)).toMatchObject({ Runtime: "nodejs24.x", Architectures: ["arm64"] });
    const role = fn === "HttpLambdaFunction" ? "HttpRole" : "WorkerRole";
    expect(props(app, fn).Role).toEqual({ "Fn::GetAtt": [role, "Arn"] });
  });

  it.each(["HttpLambdaFunction", "WorkerLambdaFunction"])(
    "%s maps stack traces to the sources on a Node that reads maps lazily (24 or later), not at start-up",
    (fn) => {
      // Node 20 parses the map while it loads the bundle (100-200 ms more for the worker); Node 24 only when a stack
      // trace is first formatted. docs/speed.md, "Stack traces".
      expect(environment(app, fn).NODE_OPTIONS).toBe("--enable-source-maps");
      const major = /^nodejs(\d+)\.x$/.exec(String(props(app, fn).Runtime))?.[1];
      expect(Number(major)).toBeGreaterThanOrEqual(24);
    },
  );

  it("are named per stage", () => {
    expect(props(app, "HttpLambdaFunction").FunctionName).toBe("package-restore-ci-http");
    expect(props(app, "WorkerLambdaFunction").FunctionName).toBe("package-restore-ci-worker");
    expect(environment(app, "HttpLambdaFunction").WORKER_FUNCTION_NAME).toBe("package-restore-ci-worker");
    expect(props(app, "WorkerDeadLetterQueue").QueueName).toBe("package-restore-ci-worker-dead-letters");
  });

  it.each(["http", "worker"])("%s ships exactly the bundle scripts/build.mjs made, not a re-bundle", async (name) => {
    const fn = `${name[0]!.toUpperCase()}${name.slice(1)}LambdaFunction`;
    expect(props(app, fn).Handler).toBe(`dist/${name}/index.handler`);
    const entries = zipEntries(app.zips[`${name}.zip`]!);
    expect([...entries.keys()].sort()).toEqual([`dist/${name}/index.mjs`, `dist/${name}/index.mjs.map`]);
    const built = await readFile(join(app.dir, "dist", name, "index.mjs"));
    expect(entries.get(`dist/${name}/index.mjs`)).toBe(crc32(built));
  });

  it("answer Slack on an HTTP API route POST /slack/events, and nothing else", () => {
    const routes = ofType(app, "AWS::ApiGatewayV2::Route");
    expect(routes).toHaveLength(1);
    const route = routes[0]![1].Properties!;
    expect(route.RouteKey).toBe("POST /slack/events");
    const integrationName = JSON.stringify(route.Target).match(/"(\w+Integration\w*)"/)?.[1];
    expect(integrationName).toBeDefined();
    const integration = props(app, integrationName!);
    expect(integration).toMatchObject({ IntegrationType: "AWS_PROXY", PayloadFormatVersion: "2.0" });
    expect(JSON.stringify(integration.IntegrationUri)).toContain("HttpLambdaFunction");
    // The other permission lets the sweep's schedule invoke the worker (checked below).
    const permissions = ofType(app, "AWS::Lambda::Permission")
      .map(([, r]) => r.Properties!)
      .filter((p) => p.Principal !== "events.amazonaws.com");
    expect(permissions).toHaveLength(1);
    expect(permissions[0]).toMatchObject({ Action: "lambda:InvokeFunction", Principal: "apigateway.amazonaws.com" });
    expect(JSON.stringify(permissions[0]!.FunctionName)).toContain("HttpLambdaFunction");
  });

  it("hand failed worker jobs to the dead-letter queue after two retries", () => {
    const configs = ofType(app, "AWS::Lambda::EventInvokeConfig").map(([, r]) => r.Properties!);
    expect(configs).toHaveLength(1);
    expect(configs[0]).toMatchObject({
      FunctionName: { Ref: "WorkerLambdaFunction" },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: { "Fn::GetAtt": ["WorkerDeadLetterQueue", "Arn"] } } },
    });
    expect(props(app, "WorkerDeadLetterQueue")).toMatchObject({
      MessageRetentionPeriod: 1_209_600,
      SqsManagedSseEnabled: true,
    });
  });

  it("retry as often as the worker counts on when it decides a delivery is the last", () => {
    const [config] = ofType(app, "AWS::Lambda::EventInvokeConfig").map(([, r]) => r.Properties!);
    expect((config!.MaximumRetryAttempts as number) + 1).toBe(LAMBDA_DELIVERY_ATTEMPTS);
  });

  it("run the sweep on the worker every 5 minutes, with the input the worker reads as a sweep", () => {
    const rules = ofType(app, "AWS::Events::Rule").map(([, r]) => r.Properties!);
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ ScheduleExpression: "rate(5 minutes)", State: "ENABLED" });
    const [target] = rules[0]!.Targets as Array<{ Arn: unknown; Input: string }>;
    expect(JSON.stringify(target!.Arn)).toContain("WorkerLambdaFunction");
    expect(isSweepEvent(JSON.parse(target!.Input))).toBe(true);
    const permissions = ofType(app, "AWS::Lambda::Permission")
      .map(([, r]) => r.Properties!)
      .filter((p) => p.Principal === "events.amazonaws.com");
    expect(permissions).toHaveLength(1);
    expect(JSON.stringify(permissions[0]!.FunctionName)).toContain("WorkerLambdaFunction");
  });

  it("raise an alarm as soon as anything lands in the dead-letter queue", () => {
    expect(props(app, "DeadLetterAlarm")).toMatchObject({
      Namespace: "AWS/SQS",
      MetricName: "ApproximateNumberOfMessagesVisible",
      Dimensions: [{ Name: "QueueName", Value: { "Fn::GetAtt": ["WorkerDeadLetterQueue", "QueueName"] } }],
      Statistic: "Maximum",
      Threshold: 0,
      ComparisonOperator: "GreaterThanThreshold",
      AlarmActions: [{ Ref: "AlarmTopic" }],
    });
    expect(resource(app, "AlarmEmailSubscription").Condition).toBe("HasAlarmEmail");
    expect(condition(app, "HasAlarmEmail")).toBe(false);
    expect(condition(token, "HasAlarmEmail")).toBe(true);
    expect(props(token, "AlarmEmailSubscription")).toMatchObject({
      Protocol: "email",
      Endpoint: "platform-alerts@example.com",
      TopicArn: { Ref: "AlarmTopic" },
    });
  });

  it("keep their logs for a set time", () => {
    for (const name of ["http", "worker"]) {
      const group = `${name[0]!.toUpperCase()}${name.slice(1)}LogGroup`;
      expect(props(app, group)).toEqual({
        LogGroupName: `/aws/lambda/package-restore-ci-${name}`,
        RetentionInDays: 30,
      });
      expect(resource(app, `${name[0]!.toUpperCase()}${name.slice(1)}LambdaFunction`).DependsOn).toContain(group);
    }
    expect(ofType(app, "AWS::Logs::LogGroup")).toHaveLength(2);
  });
});

describe("the table", () => {
  it("is on demand, with point-in-time recovery, TTL on `ttl`, encryption, the byTime index, and kept on removal", () => {
    expect(resource(app, "RequestsTable").DeletionPolicy).toBe("Retain");
    expect(props(app, "RequestsTable")).toMatchObject({
      BillingMode: "PAY_PER_REQUEST",
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: "ttl", Enabled: true },
      SSESpecification: { SSEEnabled: true },
      GlobalSecondaryIndexes: [expect.objectContaining({ IndexName: "byTime" })],
    });
    expect(ofType(app, "AWS::DynamoDB::Table")).toHaveLength(1);
  });
});

describe("IAM", () => {
  it("has one role per function and no other roles or policies", () => {
    expect(
      ofType(app, "AWS::IAM::Role")
        .map(([name]) => name)
        .sort(),
    ).toEqual(["HttpRole", "WorkerRole"]);
    for (const type of ["AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::User", "AWS::IAM::AccessKey"])
      expect(ofType(app, type)).toEqual([]);
    for (const role of ["HttpRole", "WorkerRole"]) {
      expect(props(app, role).AssumeRolePolicyDocument).toEqual({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
      });
      expect(props(app, role).ManagedPolicyArns).toBeUndefined();
    }
  });

  it.each([
    ["GitHub App mode", () => app],
    ["PAT mode with a customer managed key", () => token],
  ])("never grants `*` or `service:*`, nor a `*` resource (%s)", (_mode, packaged) => {
    for (const role of ["HttpRole", "WorkerRole"]) {
      for (const statement of statements(packaged(), role)) {
        for (const action of list(statement.Action)) expect(action).toMatch(/^[a-z0-9-]+:[A-Za-z]+$/);
        for (const raw of list(statement.Resource)) {
          const text = resourceText(raw);
          // The one wildcard: log streams inside the function's own log group (`log-group:NAME:*`).
          const withoutLogStreams = text.replace(
            /:log-group:\/aws\/lambda\/package-restore-ci-(http|worker):\*$/,
            ":log-group:/aws/lambda/package-restore-ci-$1",
          );
          // X-Ray's write actions have no resource-level permissions: `*` is all they take (checked in "tracing").
          if (list(statement.Action).every((action) => XRAY_WRITE.includes(action))) continue;
          expect(withoutLogStreams, `${role} ${text}`).not.toContain("*");
        }
      }
    }
  });

  it("lets the HTTP function log, invoke the worker, read the signing secret and send traces, and nothing else", () => {
    expect(grants(app, "HttpRole")).toEqual({
      "logs:CreateLogStream": [
        `${ARN}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/aws/lambda/package-restore-ci-http:*`,
      ],
      "logs:PutLogEvents": [
        `${ARN}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/aws/lambda/package-restore-ci-http:*`,
      ],
      "lambda:InvokeFunction": [`${ARN}:lambda:\${AWS::Region}:\${AWS::AccountId}:function:package-restore-ci-worker`],
      "ssm:GetParameter": [`${PARAMS}/slack-signing-secret`],
      ...TRACING_GRANTS,
    });
  });

  it("lets the worker use the table and its index, describe the table (doctor), send to its dead-letter queue, read its own secrets and send traces, and nothing else", () => {
    const table = ["GetAtt:RequestsTable.Arn"];
    expect(grants(app, "WorkerRole")).toEqual({
      "logs:CreateLogStream": [
        `${ARN}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/aws/lambda/package-restore-ci-worker:*`,
      ],
      "logs:PutLogEvents": [
        `${ARN}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/aws/lambda/package-restore-ci-worker:*`,
      ],
      "sqs:SendMessage": ["GetAtt:WorkerDeadLetterQueue.Arn"],
      "dynamodb:GetItem": table,
      "dynamodb:PutItem": table,
      "dynamodb:UpdateItem": table,
      "dynamodb:DeleteItem": table,
      "dynamodb:Query": ["${RequestsTable.Arn}/index/byTime", ...table],
      "dynamodb:DescribeTable": table,
      "dynamodb:DescribeTimeToLive": table,
      "ssm:GetParameter": [`${PARAMS}/github-app-private-key`, `${PARAMS}/slack-bot-token`],
      ...TRACING_GRANTS,
    });
  });

  it("in PAT mode reads the token instead of the App key, and may decrypt with the customer key only through SSM", () => {
    const worker = grants(token, "WorkerRole");
    expect(worker["ssm:GetParameter"]).toEqual([`${PARAMS}/github-token`, `${PARAMS}/slack-bot-token`]);
    for (const role of ["HttpRole", "WorkerRole"]) {
      const kms = statements(token, role).filter((statement) => list(statement.Action).includes("kms:Decrypt"));
      expect(kms).toEqual([
        {
          Effect: "Allow",
          Action: "kms:Decrypt",
          Resource: KMS_KEY,
          Condition: { StringEquals: { "kms:ViaService": { "Fn::Sub": "ssm.${AWS::Region}.${AWS::URLSuffix}" } } },
        },
      ]);
      expect(
        statements(app, role).some((statement) => list(statement.Action).some((action) => action.startsWith("kms:"))),
      ).toBe(false);
    }
  });

  it("grants each function exactly the parameters its *_PARAM variables name", () => {
    for (const packaged of [app, token]) {
      for (const [fn, role] of [
        ["HttpLambdaFunction", "HttpRole"],
        ["WorkerLambdaFunction", "WorkerRole"],
      ] as const) {
        const named = Object.entries(environment(packaged, fn))
          .filter(([name, value]) => name.endsWith("_PARAM") && value !== "")
          .map(([, value]) => `${ARN}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter${String(value)}`)
          .sort();
        expect(named.length).toBeGreaterThan(0);
        expect(grants(packaged, role)["ssm:GetParameter"]).toEqual(named);
      }
    }
  });
});

describe("secrets", () => {
  it("never appear in the template or the packaging state, whatever is in the shell", () => {
    for (const packaged of [app, token]) {
      for (const [file, text] of Object.entries(packaged.texts)) {
        for (const [name, value] of Object.entries(SECRETS)) {
          // Whole values, and each line of the PEM on its own (a template would hold it with escaped newlines).
          for (const part of [value, ...value.split("\n").filter((line) => line.length > 20)])
            expect(text.includes(part), `${name} in ${file}`).toBe(false);
        }
        expect(text, file).not.toMatch(/xoxb-|ghp_|github_pat_|BEGIN|PRIVATE KEY/);
      }
    }
  });

  it("are only named, by SSM parameter, in the functions' environment", () => {
    const http = environment(app, "HttpLambdaFunction");
    const worker = environment(app, "WorkerLambdaFunction");
    for (const env of [http, worker, environment(token, "WorkerLambdaFunction")]) {
      for (const name of Object.keys(SECRETS)) expect(env).not.toHaveProperty(name);
    }
    expect(http.SLACK_SIGNING_SECRET_PARAM).toBe("/package-restore/ci/slack-signing-secret");
    expect(Object.keys(http).filter((name) => name.endsWith("_PARAM"))).toEqual(["SLACK_SIGNING_SECRET_PARAM"]);
    expect(worker).toMatchObject({
      SLACK_BOT_TOKEN_PARAM: "/package-restore/ci/slack-bot-token",
      GITHUB_APP_PRIVATE_KEY_PARAM: "/package-restore/ci/github-app-private-key",
      GITHUB_TOKEN_PARAM: "",
      GITHUB_AUTH: "app",
    });
    expect(environment(token, "WorkerLambdaFunction")).toMatchObject({
      GITHUB_APP_PRIVATE_KEY_PARAM: "",
      GITHUB_TOKEN_PARAM: "/package-restore/ci/github-token",
      GITHUB_AUTH: "token",
    });
  });
});

describe("the deployed configuration", () => {
  /** The functions' environment as Lambda would give it, with the secrets as resolveSecrets would fill them in. */
  const deployedEnv = (
    packaged: PackagedService,
    fn: string,
    secrets: Record<string, string>,
  ): Record<string, string> => {
    const variables = Object.entries(environment(packaged, fn)).map(([name, value]) => [
      name,
      typeof value === "string" ? value : "package-restore-ci-RequestsTable-ABC",
    ]);
    const env: Record<string, string> = Object.fromEntries(variables);
    for (const [name, value] of Object.entries(secrets)) if (env[`${name}_PARAM`]) env[name] = value;
    return env;
  };

  it("passes the functions' own start-up checks, settings taken from the deploy-time environment", () => {
    expect(loadIngressConfig(deployedEnv(app, "HttpLambdaFunction", SECRETS)).policy.orgs).toEqual(new Set(["acme"]));
    const appMode = loadWorkerConfig(deployedEnv(app, "WorkerLambdaFunction", SECRETS));
    expect(appMode.github).toMatchObject({ authMode: "app", appId: "123456" });
    expect(appMode.approvers?.users).toEqual(new Set(["U0DEPLOYAPPROVER"]));
    expect(loadWorkerConfig(deployedEnv(token, "WorkerLambdaFunction", SECRETS)).github).toMatchObject({
      authMode: "token",
    });
  });

  // The worker names the command in what it tells people, so it must get the name the HTTP function answers to.
  it("gives both functions the same slash command: the deploy-time SLACK_COMMAND, else the default", () => {
    for (const [packaged, command] of [
      [app, "/restore-package"],
      [token, "/restore-package-staging"],
    ] as const) {
      expect(environment(packaged, "HttpLambdaFunction").SLACK_COMMAND).toBe(command);
      expect(environment(packaged, "WorkerLambdaFunction").SLACK_COMMAND).toBe(command);
      expect(loadWorkerConfig(deployedEnv(packaged, "WorkerLambdaFunction", SECRETS)).command).toBe(command);
    }
  });

  it("outputs the URL to paste into the Slack manifest", () => {
    expect(app.template.Outputs?.SlackRequestUrl?.Value).toEqual({
      "Fn::Sub": "https://${HttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/slack/events",
    });
  });
});

/** Every metric the functions can write, read from the EMF lines their adapters write when each count is made. */
function emittedMetrics(): Array<{ namespace: string; name: string; dimensions: Record<string, unknown> }> {
  const capture = captureLogLines("package-restore-worker");
  const lines: Array<Record<string, unknown>> = [];
  try {
    const worker = createPowertoolsMetrics({ namespace: NAMESPACE, serviceName: "package-restore-worker" });
    worker.refused("requester_not_allowed");
    for (const decision of ["approved", "denied", "cancelled", "expired"] as const) worker.decided(decision);
    worker.cardPosted(1);
    worker.cardNotPosted("not_in_channel");
    worker.restoreFinished("restored", { sinceApprovalMs: 1, sinceCommandMs: 2 });
    worker.restoreFinished("bad_credentials", { sinceCommandMs: 2 });
    for (const outcome of CREDENTIAL_OUTCOMES) worker.restoreFinished(outcome, { sinceCommandMs: 2 });
    worker.repairFinished("repaired");
    worker.sweepFinished(true);
    worker.sweepFinished(false);
    worker.credentialChecked("ok");
    worker.credentialChecked("failed", "bad_credentials");
    worker.credentialChecked("github_unavailable");
    worker.githubCall(1, 401);
    worker.slackCall(1, "not_in_channel");
    const log = createJsonLogger("package-restore-http", (line) => lines.push(JSON.parse(line)));
    const http = createIngressMetrics(log, NAMESPACE, "package-restore-http");
    http.received("restore");
    http.signatureRefused();
    http.handedOff(1);
    http.handOffFailed();
  } finally {
    capture.stop();
  }
  return [...capture.lines, ...lines].flatMap((line) => {
    const [directive] = (
      line._aws as {
        CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][]; Metrics: Array<{ Name: string }> }>;
      }
    ).CloudWatchMetrics;
    // One line may write a metric under several dimension sets (credentialChecks: by result, and by code).
    return directive!.Dimensions.flatMap((set) => {
      const dimensions = Object.fromEntries(set.map((key) => [key, line[key]]));
      return directive!.Metrics.map((metric) => ({ namespace: directive!.Namespace, name: metric.Name, dimensions }));
    });
  });
}

const NAMESPACE = "package-restore/ci";
const functionDimension = (name: string) => [{ Name: "FunctionName", Value: `package-restore-ci-${name}` }];
const ALWAYS = {
  TreatMissingData: "notBreaching",
  AlarmActions: [{ Ref: "AlarmTopic" }],
  OKActions: [{ Ref: "AlarmTopic" }],
};

/** The alarms on one metric: what each watches, and when it fires. */
const SINGLE_METRIC_ALARMS: Record<string, Record<string, unknown>> = {
  DeadLetterAlarm: {
    AlarmName: "package-restore-ci-worker-dead-letters",
    Namespace: "AWS/SQS",
    MetricName: "ApproximateNumberOfMessagesVisible",
    Statistic: "Maximum",
    Period: 300,
    EvaluationPeriods: 1,
    Threshold: 0,
    ComparisonOperator: "GreaterThanThreshold",
  },
  HttpErrorsAlarm: {
    AlarmName: "package-restore-ci-http-errors",
    Namespace: "AWS/Lambda",
    MetricName: "Errors",
    Dimensions: functionDimension("http"),
    Statistic: "Sum",
    Period: 300,
    EvaluationPeriods: 1,
    Threshold: 0,
    ComparisonOperator: "GreaterThanThreshold",
  },
  HttpThrottlesAlarm: {
    AlarmName: "package-restore-ci-http-throttles",
    Namespace: "AWS/Lambda",
    MetricName: "Throttles",
    Dimensions: functionDimension("http"),
    Statistic: "Sum",
    Period: 300,
    EvaluationPeriods: 1,
    Threshold: 0,
    ComparisonOperator: "GreaterThanThreshold",
  },
  HttpSlowAlarm: {
    AlarmName: "package-restore-ci-http-slow",
    Namespace: "AWS/Lambda",
    MetricName: "Duration",
    Dimensions: functionDimension("http"),
    ExtendedStatistic: "p99",
    Period: 300,
    EvaluationPeriods: 2,
    DatapointsToAlarm: 2,
    Threshold: 1500,
    ComparisonOperator: "GreaterThanThreshold",
  },
  HandOffFailuresAlarm: {
    AlarmName: "package-restore-ci-hand-off-failures",
    Namespace: NAMESPACE,
    MetricName: "handOffFailures",
    Dimensions: [{ Name: "service", Value: "package-restore-http" }],
    Statistic: "Sum",
    Period: 300,
    EvaluationPeriods: 1,
    Threshold: 0,
    ComparisonOperator: "GreaterThanThreshold",
  },
  WorkerErrorsAlarm: {
    AlarmName: "package-restore-ci-worker-errors",
    Namespace: "AWS/Lambda",
    MetricName: "Errors",
    Dimensions: functionDimension("worker"),
    Statistic: "Sum",
    Period: 900,
    EvaluationPeriods: 1,
    Threshold: 5,
    ComparisonOperator: "GreaterThanOrEqualToThreshold",
  },
  WorkerEventsDroppedAlarm: {
    AlarmName: "package-restore-ci-worker-events-dropped",
    Namespace: "AWS/Lambda",
    MetricName: "AsyncEventsDropped",
    Dimensions: functionDimension("worker"),
    Statistic: "Sum",
    Period: 300,
    EvaluationPeriods: 1,
    Threshold: 0,
    ComparisonOperator: "GreaterThanThreshold",
  },
  WorkerEventAgeAlarm: {
    AlarmName: "package-restore-ci-worker-event-age",
    Namespace: "AWS/Lambda",
    MetricName: "AsyncEventAge",
    Dimensions: functionDimension("worker"),
    Statistic: "Maximum",
    Period: 300,
    EvaluationPeriods: 1,
    // AsyncEventAge is in milliseconds: 10 minutes.
    Threshold: 600_000,
    ComparisonOperator: "GreaterThanThreshold",
  },
  // Fires on one failed hourly check, and stays in ALARM past the next one (an hour and up to a sweep later).
  GitHubCredentialCheckAlarm: {
    AlarmName: "package-restore-ci-github-credential-check",
    Namespace: NAMESPACE,
    MetricName: "credentialChecks",
    Dimensions: [
      { Name: "service", Value: "package-restore-worker" },
      { Name: "result", Value: "failed" },
    ],
    Statistic: "Sum",
    Period: 300,
    EvaluationPeriods: 14,
    DatapointsToAlarm: 1,
    Threshold: 0,
    ComparisonOperator: "GreaterThanThreshold",
  },
  SweepFailingAlarm: {
    AlarmName: "package-restore-ci-sweep-failing",
    Namespace: NAMESPACE,
    MetricName: "sweeps",
    Dimensions: [
      { Name: "service", Value: "package-restore-worker" },
      { Name: "result", Value: "failed" },
    ],
    Statistic: "Sum",
    Period: 300,
    EvaluationPeriods: 3,
    DatapointsToAlarm: 3,
    Threshold: 0,
    ComparisonOperator: "GreaterThanThreshold",
  },
};

interface MathMetric {
  Id: string;
  Expression?: string;
  ReturnData: boolean;
  MetricStat?: {
    Metric: { Namespace: string; MetricName: string; Dimensions: Array<{ Name: string; Value: unknown }> };
    Period: number;
    Stat: string;
  };
}

/** A metric-math alarm's inputs (namespace, name, dimensions as text), after checking its one expression adds them all, each once. */
function mathInputs(name: string): Array<{ namespace: string; name: string; dimensions: Record<string, string> }> {
  const metrics = props(app, name).Metrics as MathMetric[];
  const [expression, ...inputs] = metrics;
  expect(expression).toMatchObject({ ReturnData: true });
  expect(inputs.every((input) => input.ReturnData === false && input.MetricStat?.Stat === "Sum")).toBe(true);
  expect(inputs.every((input) => input.MetricStat?.Period === 300)).toBe(true);
  expect(expression!.Expression!.split(" + ").sort()).toEqual(inputs.map((input) => `FILL(${input.Id}, 0)`).sort());
  return inputs.map(({ MetricStat }) => ({
    namespace: MetricStat!.Metric.Namespace,
    name: MetricStat!.Metric.MetricName,
    dimensions: Object.fromEntries(
      MetricStat!.Metric.Dimensions.map(({ Name, Value }) => [
        Name,
        typeof Value === "string" ? Value : resourceText(Value),
      ]),
    ),
  }));
}

describe("alarms", () => {
  it("are exactly the documented set, each notifying the alarm topic when it fires and when it clears", async () => {
    const alarms = ofType(app, "AWS::CloudWatch::Alarm");
    expect(alarms.map(([name]) => name).sort()).toEqual(
      [
        ...Object.keys(SINGLE_METRIC_ALARMS),
        "TableThrottlesAlarm",
        "TableSystemErrorsAlarm",
        "GitHubCredentialAlarm",
      ].sort(),
    );
    const operations = await readFile(join(REPO_ROOT, "docs/operations.md"), "utf8");
    for (const [name, alarm] of alarms) {
      expect(alarm.Properties, name).toMatchObject(ALWAYS);
      const short = String(alarm.Properties!.AlarmName).replace(/^package-restore-ci-/, "");
      expect(operations, `docs/operations.md has no section on ${short}`).toContain(`### ${short}`);
      expect(String(alarm.Properties!.AlarmDescription)).toContain(`docs/operations.md, "${short}"`);
    }
  });

  it.each(Object.keys(SINGLE_METRIC_ALARMS))("%s watches its metric with its threshold", (name) => {
    expect(props(app, name)).toMatchObject(SINGLE_METRIC_ALARMS[name]!);
  });

  it("fire on any throttled read or write of the table or its index in 5 minutes", () => {
    expect(props(app, "TableThrottlesAlarm")).toMatchObject({
      AlarmName: "package-restore-ci-table-throttles",
      EvaluationPeriods: 1,
      Threshold: 0,
      ComparisonOperator: "GreaterThanThreshold",
    });
    const table = "Ref:RequestsTable";
    expect(mathInputs("TableThrottlesAlarm")).toEqual([
      { namespace: "AWS/DynamoDB", name: "ReadThrottleEvents", dimensions: { TableName: table } },
      { namespace: "AWS/DynamoDB", name: "WriteThrottleEvents", dimensions: { TableName: table } },
      {
        namespace: "AWS/DynamoDB",
        name: "ReadThrottleEvents",
        dimensions: { TableName: table, GlobalSecondaryIndexName: "byTime" },
      },
      {
        namespace: "AWS/DynamoDB",
        name: "WriteThrottleEvents",
        dimensions: { TableName: table, GlobalSecondaryIndexName: "byTime" },
      },
    ]);
  });

  it("fire on DynamoDB system errors in two 5-minute periods in a row, on every operation the worker may call", () => {
    expect(props(app, "TableSystemErrorsAlarm")).toMatchObject({
      AlarmName: "package-restore-ci-table-system-errors",
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
      Threshold: 0,
      ComparisonOperator: "GreaterThanThreshold",
    });
    // SystemErrors come per data-plane operation (the CDK's DynamoDB Operation list has no Describe*); a failed
    // DescribeTable from doctor shows in its own answer and wakes nobody.
    const operations = Object.keys(grants(app, "WorkerRole"))
      .filter((action) => action.startsWith("dynamodb:") && !action.startsWith("dynamodb:Describe"))
      .map((action) => action.replace("dynamodb:", ""))
      .sort();
    const inputs = mathInputs("TableSystemErrorsAlarm");
    expect(inputs.every((input) => input.namespace === "AWS/DynamoDB" && input.name === "SystemErrors")).toBe(true);
    expect(inputs.every((input) => input.dimensions.TableName === "Ref:RequestsTable")).toBe(true);
    expect(inputs.map((input) => input.dimensions.Operation).sort()).toEqual(operations);
  });

  it("fire on a restore failing on the GitHub credential, or any GitHub 401, as the worker writes them", () => {
    expect(props(app, "GitHubCredentialAlarm")).toMatchObject({
      AlarmName: "package-restore-ci-github-credential",
      EvaluationPeriods: 1,
      Threshold: 0,
      ComparisonOperator: "GreaterThanThreshold",
    });
    const inputs = mathInputs("GitHubCredentialAlarm");
    const worker = { service: "package-restore-worker" };
    expect(inputs).toEqual([
      ...CREDENTIAL_OUTCOMES.map((outcome) => ({
        namespace: NAMESPACE,
        name: "restores",
        dimensions: { ...worker, outcome },
      })),
      { namespace: NAMESPACE, name: "githubErrors", dimensions: { ...worker, status: "401" } },
    ]);
    // What the alarm reads is what the worker writes: the same namespace, name and dimensions.
    const written = emittedMetrics();
    for (const input of inputs) expect(written).toContainEqual(input);
  });

  it("keep a failing credential check in ALARM until the next check, an hour and up to one sweep later", () => {
    const alarm = props(app, "GitHubCredentialCheckAlarm") as { Period: number; EvaluationPeriods: number };
    const windowMs = alarm.Period * alarm.EvaluationPeriods * 1000;
    expect(windowMs).toBeGreaterThan(CREDENTIAL_CHECK_EVERY_MS + SWEEP_EVERY_MS);
    // ...and no longer than it must: it clears within a sweep or two of the last failed check's window.
    expect(windowMs).toBeLessThanOrEqual(CREDENTIAL_CHECK_EVERY_MS + 2 * SWEEP_EVERY_MS);
  });

  it("on the functions' own metrics read what the functions write", () => {
    const written = emittedMetrics();
    for (const name of ["HandOffFailuresAlarm", "SweepFailingAlarm", "GitHubCredentialCheckAlarm"]) {
      const alarm = props(app, name) as {
        Namespace: string;
        MetricName: string;
        Dimensions: Array<{ Name: string; Value: string }>;
      };
      expect(written).toContainEqual({
        namespace: alarm.Namespace,
        name: alarm.MetricName,
        dimensions: Object.fromEntries(alarm.Dimensions.map(({ Name, Value }) => [Name, Value])),
      });
    }
  });
});

describe("metrics and traces", () => {
  it("give both functions the stage's metrics namespace", () => {
    for (const fn of ["HttpLambdaFunction", "WorkerLambdaFunction"])
      expect(environment(app, fn).METRICS_NAMESPACE).toBe(NAMESPACE);
  });

  it("turn on Lambda's active tracing for both functions, and let each role send its traces and nothing more", () => {
    for (const fn of ["HttpLambdaFunction", "WorkerLambdaFunction"])
      expect(props(app, fn).TracingConfig).toEqual({ Mode: "Active" });
    for (const role of ["HttpRole", "WorkerRole"]) {
      const xray = statements(app, role).filter((statement) =>
        list(statement.Action).some((action) => action.startsWith("xray:")),
      );
      expect(xray).toEqual([{ Effect: "Allow", Action: XRAY_WRITE, Resource: "*" }]);
    }
  });
});

describe("the dashboard", () => {
  /** The dashboard's JSON with Fn::Sub's references left as `<Name>`. */
  const body = () => {
    const sub = (props(app, "Dashboard").DashboardBody as { "Fn::Sub": string })["Fn::Sub"];
    return JSON.parse(sub.replace(/\$\{([^}]+)\}/g, "<$1>")) as {
      widgets: Array<{ type: string; properties: { region?: string; alarms?: string[]; metrics?: unknown[][] } }>;
    };
  };

  it("is named per stage and shows the state of every alarm", () => {
    expect(props(app, "Dashboard").DashboardName).toBe("package-restore-ci");
    const shown = body().widgets.flatMap((widget) => widget.properties.alarms ?? []);
    const alarms = ofType(app, "AWS::CloudWatch::Alarm").map(
      ([, alarm]) =>
        `arn:<AWS::Partition>:cloudwatch:<AWS::Region>:<AWS::AccountId>:alarm:${String(alarm.Properties!.AlarmName)}`,
    );
    expect(shown.sort()).toEqual(alarms.sort());
  });

  it("graphs every metric the functions write, and every metric an alarm watches", () => {
    const widgets = body().widgets.filter((widget) => widget.type === "metric");
    for (const widget of widgets) expect(widget.properties.region).toBe("<AWS::Region>");
    const graphed = JSON.stringify(widgets.map((widget) => widget.properties.metrics));
    const written = new Set(emittedMetrics().map((metric) => metric.name));
    expect(written.size).toBeGreaterThanOrEqual(20);
    for (const name of written) {
      expect(graphed, name).toMatch(new RegExp(`"${name}"|MetricName=\\\\"${name}\\\\"`));
    }
    for (const [, alarm] of ofType(app, "AWS::CloudWatch::Alarm")) {
      const names = alarm.Properties!.MetricName
        ? [String(alarm.Properties!.MetricName)]
        : (alarm.Properties!.Metrics as MathMetric[]).flatMap((metric) => metric.MetricStat?.Metric.MetricName ?? []);
      for (const name of names) expect(graphed, name).toContain(name);
    }
  });

  it("lists every metric the functions write in docs/operations.md", async () => {
    const operations = await readFile(join(REPO_ROOT, "docs/operations.md"), "utf8");
    for (const { name } of emittedMetrics()) expect(operations, name).toContain(`\`${name}\``);
  });
});
