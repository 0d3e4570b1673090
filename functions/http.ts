// Lambda entry point for Slack's request URL: wiring only, see src/ingress/handleSlackRequest.ts.
import { randomUUID } from "node:crypto";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { loadIngressConfig } from "../src/config/loadIngressConfig.js";
import { createLambdaHandOff, loadLambdaHandOffConfig } from "../src/handoff/createLambdaHandOff.js";
import { handleSlackRequest, type IngressDeps } from "../src/ingress/handleSlackRequest.js";
import { fromLambdaEvent, toLambdaResult } from "../src/ingress/lambdaHttp.js";
import { createJsonLogger } from "../src/log/logger.js";

const config = loadIngressConfig(process.env);
const deps: IngressDeps = {
  signingSecret: config.signingSecret,
  policy: config.policy,
  requireApproval: config.requireApproval,
  handOff: createLambdaHandOff(loadLambdaHandOffConfig(process.env)),
  now: Date.now,
  // node:crypto's, which is loaded anyway; the global `crypto` would load WebCrypto on first touch.
  newId: () => randomUUID(),
  log: createJsonLogger("package-restore-http"),
};

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  return toLambdaResult(await handleSlackRequest(fromLambdaEvent(event), deps));
}
