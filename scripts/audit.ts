// `npm run audit -- --since 7d [--until 2026-11-25T00:00:00Z] [--format csv|json]`: exports the audit
// records from the table in TABLE_NAME: real DynamoDB with AWS credentials, or dynalite with
// DYNAMODB_ENDPOINT (`npm start` prints both). Writes to stdout.
import { parseArgs } from "node:util";
import { formatAuditExport, type ExportFormat } from "../src/audit/formatAuditExport.js";
import { durationVar } from "../src/config/durationVar.js";
import { optionalVar } from "../src/config/readEnv.js";
import { createDynamoAuditStore } from "../src/store/createDynamoAuditStore.js";

const { values } = parseArgs({
  options: {
    since: { type: "string", default: "7d" },
    until: { type: "string" },
    format: { type: "string", default: "csv" },
  },
});
try {
  const format = values.format as ExportFormat;
  if (format !== "csv" && format !== "json") throw new Error("--format must be csv or json.");
  const until = values.until ? new Date(values.until) : new Date();
  if (Number.isNaN(until.getTime())) throw new Error("--until must be a date such as 2026-11-25T00:00:00Z.");
  const since = new Date(
    until.getTime() - durationVar({ "--since": values.since }, "--since", "7d", 1000, 3650 * 86_400_000),
  );
  const tableName = optionalVar(process.env, "TABLE_NAME");
  if (tableName === undefined)
    throw new Error(
      "Set TABLE_NAME to the table's name (and DYNAMODB_ENDPOINT for dynalite; `npm start` prints both).",
    );
  const endpoint = optionalVar(process.env, "DYNAMODB_ENDPOINT");
  const region = optionalVar(process.env, "AWS_REGION") ?? (endpoint ? "us-east-1" : undefined);
  const store = createDynamoAuditStore({
    tableName,
    ...(endpoint ? { endpoint } : {}),
    ...(region ? { region } : {}),
    // dynalite takes any credentials; real DynamoDB uses the SDK's usual chain.
    ...(endpoint && !process.env.AWS_ACCESS_KEY_ID
      ? { credentials: { accessKeyId: "local", secretAccessKey: "local" } }
      : {}),
  });
  const events = await store.between(since, until);
  process.stdout.write(formatAuditExport(events, format));
  process.stderr.write(`${events.length} audit records from ${since.toISOString()} to ${until.toISOString()}.\n`);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
