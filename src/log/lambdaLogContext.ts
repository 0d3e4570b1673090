/**
 * What ties a log line to its invocation and its trace, under the names Powertools' Logger uses in the worker
 * (`function_request_id`, `xray_trace_id`), so one CloudWatch Logs Insights query reads both functions.
 * The trace ID is the `Root` of Lambda's `_X_AMZN_TRACE_ID` (set for each invocation when tracing is on), else of
 * the `X-Amzn-Trace-Id` header API Gateway forwards. Lambda's own tracing records the spans; no X-Ray SDK is loaded.
 */
export function lambdaLogContext(
  awsRequestId: string | undefined,
  traceHeader: string | undefined,
  env: Record<string, string | undefined>,
): { function_request_id?: string; xray_trace_id?: string } {
  const traceId = traceRoot(env._X_AMZN_TRACE_ID) ?? traceRoot(traceHeader);
  return {
    ...(awsRequestId ? { function_request_id: awsRequestId } : {}),
    ...(traceId ? { xray_trace_id: traceId } : {}),
  };
}

/** `Root=1-…;Parent=…;Sampled=1` → `1-…`; a bare ID is taken as it is. */
function traceRoot(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (!value.includes("=")) return value;
  for (const part of value.split(";")) {
    const [key, id] = part.split("=");
    if (key?.trim() === "Root" && id) return id.trim();
  }
  return undefined;
}
