/**
 * DynamoDB answers a write refused by its condition with the item it found when the
 * write asks for it (ReturnValuesOnConditionCheckFailure ALL_OLD): the refusal's
 * body carries `Item`. dynalite accepts the parameter and ignores it, so the fault
 * proxy adds the item itself, read from dynalite straight after the refusal.
 * Unlike DynamoDB's, that read is not atomic with the refused write; tests that
 * rely on it race writes one at a time.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html
 */
import { type AttributeValue, DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
import { crc32 } from "node:zlib";

export type ReadItem = (
  table: string,
  key: Record<string, AttributeValue>,
) => Promise<Record<string, AttributeValue> | undefined>;

/** Reads items from dynalite directly, not through the proxy, so they are not counted as the client's calls. */
export function readFrom(endpoint: string): { read: ReadItem; close(): void } {
  const client = new DynamoDBClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  return {
    read: async (TableName, Key) =>
      (await client.send(new GetItemCommand({ TableName, Key, ConsistentRead: true }))).Item,
    close: () => client.destroy(),
  };
}

/** dynalite's answer to a write, with the item added when it is a refusal that asked for it; `undefined` to pass the answer on as it is. */
export async function withItemOnRefusal(
  request: Buffer,
  status: number,
  answer: Buffer,
  read: ReadItem,
): Promise<Buffer | undefined> {
  if (status !== 400) return undefined;
  const asked = JSON.parse(request.toString("utf8")) as {
    TableName?: string;
    Key?: Record<string, AttributeValue>;
    ReturnValuesOnConditionCheckFailure?: string;
  };
  if (asked.ReturnValuesOnConditionCheckFailure !== "ALL_OLD" || !asked.TableName || !asked.Key) return undefined;
  const refusal = JSON.parse(answer.toString("utf8")) as { __type?: string; Item?: unknown };
  if (!refusal.__type?.endsWith("#ConditionalCheckFailedException") || refusal.Item !== undefined) return undefined;
  const item = await read(asked.TableName, asked.Key);
  // DynamoDB sends no item when there is none.
  return item === undefined ? undefined : Buffer.from(JSON.stringify({ ...refusal, Item: item }));
}

/** DynamoDB's checksum of a response body, which dynalite sets too. */
export function checksum(body: Buffer): string {
  return String(crc32(body));
}
