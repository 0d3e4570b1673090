import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { signedHeaders } from "../slack/slackRequests.js";

/** A Slack form as an HTTP API (payload v2) delivers it to the HTTP function, with the headers given. */
export function apiGatewayEvent(form: Record<string, string>, headers: Record<string, string>): APIGatewayProxyEventV2 {
  const body = new URLSearchParams(form).toString();
  return {
    version: "2.0",
    routeKey: "POST /slack/events",
    rawPath: "/slack/events",
    rawQueryString: "",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
    // HTTP APIs base64-encode form bodies.
    body: Buffer.from(body).toString("base64"),
    isBase64Encoded: true,
    requestContext: { http: { method: "POST", path: "/slack/events" } },
  } as unknown as APIGatewayProxyEventV2;
}

/** The same, signed now with `secret` as Slack would sign it. */
export function signedApiGatewayEvent(secret: string, form: Record<string, string>): APIGatewayProxyEventV2 {
  return apiGatewayEvent(form, signedHeaders(secret, new URLSearchParams(form).toString()));
}
