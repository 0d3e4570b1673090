import { describe, expect, it } from "vitest";
import { lambdaLogContext } from "../../src/log/lambdaLogContext.js";
import { createJsonLogger } from "../../src/log/logger.js";

const ENV_TRACE = "Root=1-67891233-abcdef012345678912345678;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a87bd80c:0";
const HEADER_TRACE = "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1";

describe("lambdaLogContext", () => {
  it("takes the trace ID's Root from Lambda's _X_AMZN_TRACE_ID before the forwarded header", () => {
    expect(lambdaLogContext("req-1", HEADER_TRACE, { _X_AMZN_TRACE_ID: ENV_TRACE })).toEqual({
      function_request_id: "req-1",
      xray_trace_id: "1-67891233-abcdef012345678912345678",
    });
  });

  it("falls back to the X-Amzn-Trace-Id header, and leaves out what it doesn't know", () => {
    expect(lambdaLogContext(undefined, HEADER_TRACE, {})).toEqual({
      xray_trace_id: "1-5759e988-bd862e3fe1be46a994272793",
    });
    expect(lambdaLogContext("req-2", undefined, {})).toEqual({ function_request_id: "req-2" });
    expect(lambdaLogContext("req-3", "Self=1-abc;Sampled=0", {})).toEqual({ function_request_id: "req-3" });
  });

  it("goes on every line of the logger made with it, under the names Powertools uses", () => {
    const lines: string[] = [];
    const log = createJsonLogger(
      "svc",
      (line) => lines.push(line),
      lambdaLogContext("req-4", undefined, { _X_AMZN_TRACE_ID: ENV_TRACE }),
    );
    log.info("one");
    log.error("two", { reason: "x" });
    for (const line of lines)
      expect(JSON.parse(line)).toMatchObject({
        function_request_id: "req-4",
        xray_trace_id: "1-67891233-abcdef012345678912345678",
      });
  });
});
