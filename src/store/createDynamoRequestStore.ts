import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { StoreConfig } from "./storeConfig.js";
import type { RequestRecord } from "../domain/request/requestRecord.js";
import type { RequestStore } from "../domain/ports/requestStore.js";
import { conditionalUpdate } from "./conditionalUpdate.js";
import {
  BY_TIME_INDEX,
  call,
  conditional,
  createDocumentClient,
  dayOf,
  daysBetween,
  refusalIn,
} from "./dynamoCalls.js";
import { recordInRefusal, toRecord } from "./requestItem.js";

/** How long request records are kept after they are created, through the table's TTL attribute. */
export const DEFAULT_REQUEST_RETENTION_DAYS = 90;

export interface DynamoStoreConfig extends StoreConfig {
  retentionDays?: number;
}

/**
 * The single-table layout (see docs/architecture.md, "Storage"):
 *   pk = REQUEST#<id>                       sk = REQUEST  → the request record (gsi1 = REQUESTDAY#<day>, <createdAt>#<id>)
 *   pk = TARGET#<org>#<type>#<name>[#v<id>]  sk = PENDING  → which request is pending for a package
 * Both carry `ttl` (epoch seconds) for DynamoDB's expiry.
 */
export function createDynamoRequestStore(config: DynamoStoreConfig): RequestStore {
  const client = createDocumentClient(config);
  const TableName = config.tableName;
  const retentionSeconds = (config.retentionDays ?? DEFAULT_REQUEST_RETENTION_DAYS) * 86_400;
  const requestKey = (id: string) => ({ pk: `REQUEST#${id}`, sk: "REQUEST" });
  const targetKey = (target: string) => ({ pk: `TARGET#${target}`, sk: "PENDING" });
  const get = async (id: string): Promise<RequestRecord | undefined> => {
    const { Item } = await call(() =>
      client.send(new GetCommand({ TableName, Key: requestKey(id), ConsistentRead: true })),
    );
    return Item === undefined ? undefined : toRecord(Item);
  };

  return {
    async create(record) {
      const ttl = Math.floor(Date.parse(record.createdAt) / 1000) + retentionSeconds;
      const byTime = { gsi1pk: `REQUESTDAY#${dayOf(record.createdAt)}`, gsi1sk: `${record.createdAt}#${record.id}` };
      return conditional(() =>
        client.send(
          new PutCommand({
            TableName,
            Item: { ...requestKey(record.id), ...byTime, ...record, ttl },
            ConditionExpression: "attribute_not_exists(pk)",
          }),
        ),
      );
    },
    get,
    async update(id, from, changes, condition = {}) {
      try {
        const { Attributes } = await call(() =>
          client.send(
            new UpdateCommand({
              TableName,
              Key: requestKey(id),
              ...conditionalUpdate(from, changes, condition),
              ReturnValues: "ALL_NEW",
              ReturnValuesOnConditionCheckFailure: "ALL_OLD",
            }),
          ),
        );
        if (Attributes === undefined) throw new Error("DynamoDB applied an update but sent no record back.");
        return { applied: true, record: toRecord(Attributes) };
      } catch (error) {
        const refusal = refusalIn(error);
        if (refusal === undefined) throw error;
        // DynamoDB sends no item when there is none, and dynalite (tests, npm start) never sends one: one consistent read tells.
        return { applied: false, current: recordInRefusal(refusal) ?? (await get(id)) };
      }
    },
    async claimTarget(target, requestId, until, now, replacing) {
      const claimed = await conditional(() =>
        client.send(
          new PutCommand({
            TableName,
            Item: { ...targetKey(target), requestId, until, ttl: Math.floor(Date.parse(until) / 1000) + 86_400 },
            ConditionExpression: `attribute_not_exists(pk) OR requestId = :me OR #until <= :now${replacing === undefined ? "" : " OR requestId = :stale"}`,
            ExpressionAttributeNames: { "#until": "until" },
            ExpressionAttributeValues: {
              ":me": requestId,
              ":now": now,
              ...(replacing === undefined ? {} : { ":stale": replacing }),
            },
          }),
        ),
      );
      if (claimed) return undefined;
      const { Item } = await call(() =>
        client.send(new GetCommand({ TableName, Key: targetKey(target), ConsistentRead: true })),
      );
      // Released between our write and read: try once more rather than report a holder that is gone.
      return Item === undefined ? this.claimTarget(target, requestId, until, now, replacing) : String(Item.requestId);
    },
    async listRecent(limit, since, until) {
      const records: RequestRecord[] = [];
      for (const day of daysBetween(since, until)) {
        let ExclusiveStartKey: Record<string, unknown> | undefined;
        do {
          const page = await call(() =>
            client.send(
              new QueryCommand({
                TableName,
                IndexName: BY_TIME_INDEX,
                KeyConditionExpression: "gsi1pk = :day",
                ExpressionAttributeValues: { ":day": `REQUESTDAY#${day}` },
                ScanIndexForward: false,
                ExclusiveStartKey,
              }),
            ),
          );
          records.push(...(page.Items ?? []).map(toRecord));
          ExclusiveStartKey = page.LastEvaluatedKey;
        } while (ExclusiveStartKey !== undefined && records.length < limit);
        if (records.length >= limit) break;
      }
      return records.slice(0, limit);
    },
    async releaseTarget(target, requestId) {
      await conditional(() =>
        client.send(
          new DeleteCommand({
            TableName,
            Key: targetKey(target),
            ConditionExpression: "requestId = :me",
            ExpressionAttributeValues: { ":me": requestId },
          }),
        ),
      );
    },
  };
}
