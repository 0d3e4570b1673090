// Lambda entry point for Slack's request URL: wiring only, see src/ingress/handleSlackRequest.ts.
import { randomUUID } from "../src/node/crypto.js";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import { loadIngressConfig } from "../src/config/loadIngressConfig.js";
import { HTTP_SECRETS, resolveSecrets } from "../src/config/resolveSecrets.js";
import { createLambdaHandOff, loadLambdaHandOffConfig } from "../src/handoff/createLambdaHandOff.js";
import { createIngressMetrics } from "../src/ingress/createIngressMetrics.js";
import { handleSlackRequest, type IngressDeps } from "../src/ingress/handleSlackRequest.js";
import { fromLambdaEvent, toLambdaResult } from "../src/ingress/lambdaHttp.js";
import { lambdaLogContext } from "../src/log/lambdaLogContext.js";
import { createJsonLogger } from "../src/log/logger.js";
import { ssmParameterFetcherFrom } from "../src/secrets/createSsmParameterFetcher.js";

// Before the secret is read, so a configuration the hand-off can't use fails the container without calling SSM.
const handOff = createLambdaHandOff(loadLambdaHandOffConfig(process.env));

// In Lambda, SLACK_SIGNING_SECRET_PARAM names a SecureString; it is read once per container, here at
// start-up, with a signed call of our own rather than Powertools (see createSsmParameterFetcher.ts).
const env = await resolveSecrets(process.env, ssmParameterFetcherFrom(process.env), HTTP_SECRETS);
const config = loadIngressConfig(env);
const SERVICE = "package-restore-http";
// serverless.yml sets METRICS_NAMESPACE (one per stage); without it (a local run of the bundle) nothing is counted.
const metricsNamespace = process.env.METRICS_NAMESPACE;
const deps: Omit<IngressDeps, "log" | "metrics"> = {
  signingSecret: config.signingSecret,
  policy: config.policy,
  requireApproval: config.requireApproval,
  command: config.command,
  handOff,
  now: Date.now,
  // node:crypto's, which is loaded anyway; the global `crypto` would load WebCrypto on first touch.
  newId: () => randomUUID(),
};

export async function handler(
  event: APIGatewayProxyEventV2,
  context?: Pick<Context, "awsRequestId">,
): Promise<APIGatewayProxyStructuredResultV2> {
  // A logger per invocation, so every line (metrics included) carries this invocation's request ID and trace ID.
  const log = createJsonLogger(
    SERVICE,
    undefined,
    lambdaLogContext(context?.awsRequestId, event.headers?.["x-amzn-trace-id"], process.env),
  );
  const metrics = metricsNamespace ? createIngressMetrics(log, metricsNamespace, SERVICE) : undefined;
  return toLambdaResult(
    await handleSlackRequest(fromLambdaEvent(event), { ...deps, log, ...(metrics ? { metrics } : {}) }),
  );
}
