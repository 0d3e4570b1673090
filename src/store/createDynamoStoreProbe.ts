import { DescribeTableCommand, DescribeTimeToLiveCommand, type KeySchemaElement } from "@aws-sdk/client-dynamodb";
import type { KeyElement, StoreProbe } from "../domain/ports/doctorProbes.js";
import type { HealthRecords } from "../domain/ports/healthRecords.js";
import type { StoreConfig } from "./storeConfig.js";
import { createDynamoClient } from "./dynamoCalls.js";

/** The table as `doctor` sees it: DescribeTable, DescribeTimeToLive and the health items. Reads only. */
export function createDynamoStoreProbe(config: StoreConfig, health: HealthRecords): StoreProbe {
  // Two attempts: an unreachable table should answer the doctor quickly.
  const client = createDynamoClient(config, 2);
  const TableName = config.tableName;
  return {
    tableName: TableName,
    async describeTable() {
      try {
        const [{ Table }, { TimeToLiveDescription }] = await Promise.all([
          client.send(new DescribeTableCommand({ TableName })),
          client.send(new DescribeTimeToLiveCommand({ TableName })),
        ]);
        return {
          ok: true,
          shape: {
            ...(Table?.TableStatus ? { status: Table.TableStatus } : {}),
            keys: keysOf(Table?.KeySchema),
            indexes: (Table?.GlobalSecondaryIndexes ?? []).map((index) => ({
              name: index.IndexName ?? "",
              keys: keysOf(index.KeySchema),
            })),
            ttl: {
              ...(TimeToLiveDescription?.TimeToLiveStatus ? { status: TimeToLiveDescription.TimeToLiveStatus } : {}),
              ...(TimeToLiveDescription?.AttributeName ? { attribute: TimeToLiveDescription.AttributeName } : {}),
            },
          },
        };
      } catch (error) {
        return { ok: false, error: errorName(error) };
      }
    },
    async lastSuccess(component) {
      try {
        const at = await health.lastSuccess(component);
        return at === undefined ? { ok: true } : { ok: true, at };
      } catch (error) {
        return { ok: false, error: errorName((error as { cause?: unknown }).cause ?? error) };
      }
    },
  };
}

function keysOf(schema: KeySchemaElement[] | undefined): KeyElement[] {
  return (schema ?? []).map((key) => ({ attribute: key.AttributeName ?? "", keyType: key.KeyType ?? "" }));
}

/** The error's type (and errno code for a network failure), never a message that might carry a value. */
function errorName(error: unknown): string {
  if (!(error instanceof Error)) return "unknown error";
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && code !== error.name ? `${error.name} ${code}` : error.name;
}
