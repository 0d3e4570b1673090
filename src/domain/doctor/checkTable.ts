import type { KeyElement, StoreProbe, TableShape } from "../ports/doctorProbes.js";
import { type CheckResult, failed, passed } from "./checkResult.js";

const CHECK = "DynamoDB table";
const RECREATE =
  "Deploy again so serverless.yml shapes the table (keys pk/sk, index byTime on gsi1pk/gsi1sk, TTL on ttl); see docs/architecture.md, Storage.";

/** The table answers and is shaped as docs/architecture.md documents it. */
export async function checkTable(store: StoreProbe): Promise<CheckResult> {
  const described = await store.describeTable();
  if (!described.ok)
    return failed(
      CHECK,
      `${store.tableName} could not be read (${described.error}).`,
      "Check TABLE_NAME, the region and that the role may dynamodb:DescribeTable on it; then run the doctor again.",
    );
  const problems = shapeProblems(described.shape);
  if (problems.length > 0) return failed(CHECK, `${store.tableName}: ${problems.join("; ")}.`, RECREATE);
  return passed(CHECK, `${store.tableName} answers, with keys pk/sk, the byTime index and TTL on ttl.`);
}

function shapeProblems(shape: TableShape): string[] {
  const problems: string[] = [];
  if (shape.status !== undefined && shape.status !== "ACTIVE" && shape.status !== "UPDATING")
    problems.push(`its status is ${shape.status}`);
  if (!sameKeys(shape.keys, "pk", "sk"))
    problems.push(`its keys are ${describeKeys(shape.keys)}, not pk (hash) and sk (range)`);
  const byTime = shape.indexes.find((index) => index.name === "byTime");
  if (byTime === undefined) problems.push("it has no byTime index");
  else if (!sameKeys(byTime.keys, "gsi1pk", "gsi1sk"))
    problems.push(`its byTime index is keyed ${describeKeys(byTime.keys)}, not gsi1pk and gsi1sk`);
  if (shape.ttl.status !== "ENABLED" || shape.ttl.attribute !== "ttl")
    problems.push(
      `its TTL is ${shape.ttl.status ?? "unknown"}${shape.ttl.attribute ? ` on ${shape.ttl.attribute}` : ""}, not ENABLED on ttl`,
    );
  return problems;
}

function sameKeys(keys: KeyElement[], hash: string, range: string): boolean {
  return (
    keys.length === 2 &&
    keys.some((key) => key.attribute === hash && key.keyType === "HASH") &&
    keys.some((key) => key.attribute === range && key.keyType === "RANGE")
  );
}

function describeKeys(keys: KeyElement[]): string {
  return keys.map((key) => `${key.attribute} (${key.keyType.toLowerCase()})`).join(" and ") || "none";
}
