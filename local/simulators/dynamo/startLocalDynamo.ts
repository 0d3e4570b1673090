// A DynamoDB-API server for `npm start` and the tests: dynalite in memory on 127.0.0.1,
// with the table created as serverless.yml creates it in AWS.
import type { AddressInfo } from "node:net";
import { CreateTableCommand, DynamoDBClient, UpdateTimeToLiveCommand } from "@aws-sdk/client-dynamodb";
import type { IncomingMessage, ServerResponse } from "node:http";
import dynalite from "dynalite";
import { answerTimeToLive } from "./answerTimeToLive.js";
import { BY_TIME_INDEX } from "../../../src/store/dynamoCalls.js";

export const LOCAL_TABLE_NAME = "package-restore-local";
/** dynalite accepts any credentials; the SDK insists on having some. */
export const LOCAL_AWS_ENV = {
  AWS_REGION: "us-east-1",
  AWS_ACCESS_KEY_ID: "local",
  AWS_SECRET_ACCESS_KEY: "local",
} as const;

export interface LocalDynamo {
  endpoint: string;
  tableName: string;
  close(): Promise<void>;
}

export async function startLocalDynamo(tableName = LOCAL_TABLE_NAME): Promise<LocalDynamo> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  // TTL calls are answered here (dynalite has no UpdateTimeToLive); everything else goes to dynalite.
  const [handleInDynalite] = server.listeners("request") as Array<(req: IncomingMessage, res: ServerResponse) => void>;
  const ttl = new Map<string, string>();
  server.removeAllListeners("request");
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    if (!answerTimeToLive(new Set([tableName]), ttl, req, res)) handleInDynalite?.call(server, req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: LOCAL_AWS_ENV.AWS_REGION,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [
        { AttributeName: "pk", AttributeType: "S" },
        { AttributeName: "sk", AttributeType: "S" },
        { AttributeName: "gsi1pk", AttributeType: "S" },
        { AttributeName: "gsi1sk", AttributeType: "S" },
      ],
      KeySchema: [
        { AttributeName: "pk", KeyType: "HASH" },
        { AttributeName: "sk", KeyType: "RANGE" },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: BY_TIME_INDEX,
          KeySchema: [
            { AttributeName: "gsi1pk", KeyType: "HASH" },
            { AttributeName: "gsi1sk", KeyType: "RANGE" },
          ],
          Projection: { ProjectionType: "ALL" },
        },
      ],
    }),
  );
  // Described as in AWS (see answerTimeToLive); nothing expires locally.
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: "ttl", Enabled: true },
    }),
  );
  client.destroy();
  return { endpoint, tableName, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
