/**
 * A DynamoDB-API proxy on 127.0.0.1 in front of dynalite that can answer with
 * DynamoDB's own errors instead of forwarding: throttling (400
 * ProvisionedThroughputExceededException, which the SDK retries) and internal
 * errors (500). dynalite has no way to throttle or fail by itself. It can also
 * make up for what dynalite leaves out of a refused write (see itemOnRefusal).
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html
 */
import { createServer, request as forward, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { checksum, type ReadItem, readFrom, withItemOnRefusal } from "./itemOnRefusal.js";

export type DynamoFault = "throttle" | "internal";

export interface DynamoFaultRule {
  fault: DynamoFault;
  /** e.g. "UpdateItem"; the X-Amz-Target operation. */
  operation?: string;
  /** Fails only requests whose JSON body contains this text. */
  bodyIncludes?: string;
  remaining: number;
}

export interface DynamoFaultProxy {
  endpoint: string;
  /** Operations answered with a fault, in order. */
  faulted: string[];
  /** Operations passed on to dynalite, in order: what the client asked DynamoDB for. */
  forwarded: string[];
  /** When on, a refused write that asked for ReturnValuesOnConditionCheckFailure ALL_OLD gets the item, as from DynamoDB. */
  sendItemOnRefusal(on: boolean): void;
  failNext(fault: DynamoFault, times: number, match?: { operation?: string; bodyIncludes?: string }): void;
  /** Drops every fault not used yet. */
  clearFaults(): void;
  close(): Promise<void>;
}

const FAULTS: Record<DynamoFault, { status: number; type: string; message: string }> = {
  throttle: {
    status: 400,
    type: "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
    message: "The level of configured provisioned throughput for the table was exceeded.",
  },
  internal: {
    status: 500,
    type: "com.amazonaws.dynamodb.v20120810#InternalServerError",
    message: "Internal server error",
  },
};

export async function startDynamoFaultProxy(target: string): Promise<DynamoFaultProxy> {
  const upstream = new URL(target);
  const rules: DynamoFaultRule[] = [];
  const faulted: string[] = [];
  const forwarded: string[] = [];
  const items = readFrom(target);
  let itemOnRefusal = false;
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const body = Buffer.concat(chunks);
      const operation =
        String(incoming.headers["x-amz-target"] ?? "")
          .split(".")
          .pop() ?? "";
      const rule = rules.find(
        (candidate) =>
          candidate.remaining > 0 &&
          (!candidate.operation || candidate.operation === operation) &&
          (!candidate.bodyIncludes || body.includes(candidate.bodyIncludes)),
      );
      if (rule !== undefined) {
        rule.remaining -= 1;
        faulted.push(operation);
        const fault = FAULTS[rule.fault];
        outgoing
          .writeHead(fault.status, { "content-type": "application/x-amz-json-1.0" })
          .end(JSON.stringify({ __type: fault.type, message: fault.message }));
        return;
      }
      forwarded.push(operation);
      const proxied = forward(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: incoming.method,
          path: incoming.url,
          headers: incoming.headers,
        },
        (answer) => {
          if (itemOnRefusal) return answerWithItem(body, answer, outgoing, items.read);
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      proxied.on("error", () => outgoing.writeHead(502).end());
      proxied.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    faulted,
    forwarded,
    sendItemOnRefusal(on) {
      itemOnRefusal = on;
    },
    failNext(fault, times, match = {}) {
      rules.push({ fault, remaining: times, ...match });
    },
    clearFaults() {
      rules.length = 0;
    },
    close: () =>
      new Promise((resolve) => {
        items.close();
        server.close(() => resolve());
      }),
  };
}

function answerWithItem(request: Buffer, answer: IncomingMessage, outgoing: ServerResponse, read: ReadItem): void {
  const chunks: Buffer[] = [];
  answer.on("data", (chunk: Buffer) => chunks.push(chunk));
  answer.on("end", async () => {
    const status = answer.statusCode ?? 502;
    const original = Buffer.concat(chunks);
    const body = await withItemOnRefusal(request, status, original, read).catch(() => undefined);
    const headers = { ...answer.headers };
    if (body !== undefined) {
      headers["content-length"] = String(body.length);
      headers["x-amz-crc32"] = checksum(body);
    }
    outgoing.writeHead(status, headers).end(body ?? original);
  });
}
