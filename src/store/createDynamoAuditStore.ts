import { PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { DEFAULT_AUDIT_RETENTION_DAYS } from "../config/loadWorkerConfig.js";
import type { AuditEvent } from "../domain/audit/auditEvent.js";
import type { AuditStore } from "../domain/audit/auditStore.js";
import { BY_TIME_INDEX, call, conditional, createDocumentClient, dayOf, daysBetween } from "./dynamoCalls.js";
import type { StoreConfig } from "./storeConfig.js";

/**
 * Append-only audit records in the request table:
 *   pk = AUDIT#<requestId>  sk = EVENT#<eventId>       (by request)
 *   gsi1pk = AUDITDAY#<day>  gsi1sk = <at>#<eventId>   (by time)
 */
export function createDynamoAuditStore(config: StoreConfig & { retentionDays?: number }): AuditStore {
  const client = createDocumentClient(config);
  const TableName = config.tableName;
  const retentionSeconds = (config.retentionDays ?? DEFAULT_AUDIT_RETENTION_DAYS) * 86_400;
  return {
    append(event) {
      const item = {
        pk: `AUDIT#${event.requestId}`,
        sk: `EVENT#${event.eventId}`,
        gsi1pk: `AUDITDAY#${dayOf(event.at)}`,
        gsi1sk: `${event.at}#${event.eventId}`,
        ttl: Math.floor(Date.parse(event.at) / 1000) + retentionSeconds,
        ...event,
      };
      return conditional(() =>
        client.send(new PutCommand({ TableName, Item: item, ConditionExpression: "attribute_not_exists(pk)" })),
      );
    },
    async byRequest(requestId) {
      const items = await queryAll(client, {
        TableName,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": `AUDIT#${requestId}` },
      });
      return items.map(toEvent).sort((a, b) => a.at.localeCompare(b.at));
    },
    async between(since, until) {
      const events: AuditEvent[] = [];
      for (const day of daysBetween(since, until).reverse()) {
        const items = await queryAll(client, {
          TableName,
          IndexName: BY_TIME_INDEX,
          KeyConditionExpression: "gsi1pk = :day AND gsi1sk BETWEEN :from AND :to",
          ExpressionAttributeValues: {
            ":day": `AUDITDAY#${day}`,
            ":from": since.toISOString(),
            ":to": `${until.toISOString()}~`,
          },
        });
        events.push(...items.map(toEvent));
      }
      return events;
    },
  };
}

async function queryAll(
  client: ReturnType<typeof createDocumentClient>,
  input: ConstructorParameters<typeof QueryCommand>[0],
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await call(() => client.send(new QueryCommand({ ...input, ExclusiveStartKey })));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey !== undefined);
  return items;
}

function toEvent(item: Record<string, unknown>): AuditEvent {
  const { pk: _pk, sk: _sk, gsi1pk: _gsi1pk, gsi1sk: _gsi1sk, ttl: _ttl, ...event } = item;
  return event as unknown as AuditEvent;
}
