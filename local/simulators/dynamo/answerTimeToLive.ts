/**
 * UpdateTimeToLive and DescribeTimeToLive for the local table, which dynalite lacks (it has no UpdateTimeToLive and
 * always describes TTL as DISABLED): the table's TTL is kept here and answered in DynamoDB's shapes
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeTimeToLive.html), so `doctor` sees
 * the local table as serverless.yml shapes it in AWS. Like DynamoDB, TTL is only described: nothing expires.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

const TARGETS = new Set(["DynamoDB_20120810.UpdateTimeToLive", "DynamoDB_20120810.DescribeTimeToLive"]);

/** Handles the request and returns true when it is a TTL call; false leaves it to dynalite. */
export function answerTimeToLive(
  tables: ReadonlySet<string>,
  ttl: Map<string, string>,
  req: IncomingMessage,
  res: ServerResponse,
): boolean {
  const target = String(req.headers["x-amz-target"] ?? "");
  if (!TARGETS.has(target)) return false;
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    let body: { TableName?: unknown; TimeToLiveSpecification?: { AttributeName?: unknown; Enabled?: unknown } };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      return send(res, 400, { __type: "com.amazon.coral.service#SerializationException" });
    }
    const table = typeof body.TableName === "string" ? body.TableName : "";
    if (!tables.has(table))
      return send(res, 400, {
        __type: "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
        message: "Requested resource not found",
      });
    if (target.endsWith("DescribeTimeToLive")) {
      const attribute = ttl.get(table);
      return send(res, 200, {
        TimeToLiveDescription: attribute
          ? { TimeToLiveStatus: "ENABLED", AttributeName: attribute }
          : { TimeToLiveStatus: "DISABLED" },
      });
    }
    const spec = body.TimeToLiveSpecification;
    if (typeof spec?.AttributeName !== "string" || typeof spec.Enabled !== "boolean")
      return send(res, 400, {
        __type: "com.amazon.coral.validate#ValidationException",
        message: "TimeToLiveSpecification needs AttributeName and Enabled",
      });
    if (spec.Enabled) ttl.set(table, spec.AttributeName);
    else ttl.delete(table);
    send(res, 200, { TimeToLiveSpecification: { AttributeName: spec.AttributeName, Enabled: spec.Enabled } });
  });
  return true;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/x-amz-json-1.0",
    "content-length": Buffer.byteLength(payload),
    "x-amzn-requestid": `local-${Date.now()}`,
  });
  res.end(payload);
}
