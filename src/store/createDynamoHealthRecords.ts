import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { HealthComponent } from "../domain/ports/doctorProbes.js";
import type { HealthRecords } from "../domain/ports/healthRecords.js";
import { call, createDocumentClient } from "./dynamoCalls.js";
import type { StoreConfig } from "./storeConfig.js";

/** The key of a component's one health item (docs/architecture.md, Storage). */
export function healthKey(component: HealthComponent): { pk: string; sk: string } {
  return { pk: `HEALTH#${component}`, sk: "HEALTH" };
}

/**
 * Health items in the requests table: one per component, overwritten by an unconditional put (the last writer is
 * the latest success; nothing else depends on it), read consistently.
 */
export function createDynamoHealthRecords(config: StoreConfig): HealthRecords {
  const client = createDocumentClient(config);
  const TableName = config.tableName;
  return {
    async recordSuccess(component, at) {
      await call(() =>
        client.send(new PutCommand({ TableName, Item: { ...healthKey(component), at: at.toISOString() } })),
      );
    },
    async lastSuccess(component) {
      const answer = await call(() =>
        client.send(new GetCommand({ TableName, Key: healthKey(component), ConsistentRead: true })),
      );
      const at = answer.Item?.at;
      return typeof at === "string" ? at : undefined;
    },
  };
}
