import { ConditionalCheckFailedException, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { StoreConfig } from "./storeConfig.js";
import { StoreUnavailableError } from "../errors.js";

/** The name of the table's one global secondary index, which orders items by time. */
export const BY_TIME_INDEX = "byTime";

/** A DynamoDB client for the store's table; the SDK retries throttling and 5xx itself, `maxAttempts` in all. */
export function createDynamoClient(config: StoreConfig, maxAttempts: number): DynamoDBClient {
  return new DynamoDBClient({
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    ...(config.region ? { region: config.region } : {}),
    ...(config.credentials ? { credentials: config.credentials } : {}),
    maxAttempts,
  });
}

/** One document client per store (4 attempts). */
export function createDocumentClient(config: StoreConfig): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(createDynamoClient(config, 4), {
    marshallOptions: { removeUndefinedValues: true },
  });
}

/** Runs a conditional write: `false` when its condition failed. */
export async function conditional(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await call(write);
    return true;
  } catch (error) {
    if (refusalIn(error) !== undefined) return false;
    throw error;
  }
}

/** The ConditionalCheckFailedException behind an error `call` threw, when a condition is what failed. */
export function refusalIn(error: unknown): ConditionalCheckFailedException | undefined {
  return error instanceof StoreUnavailableError && error.cause instanceof ConditionalCheckFailedException
    ? error.cause
    : undefined;
}

/** Any other failure becomes StoreUnavailableError, naming only the error's type. */
export async function call<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    const name = error instanceof Error ? error.name : "unknown error";
    throw new StoreUnavailableError(`DynamoDB refused the request (${name}).`, { cause: error });
  }
}

/** `YYYY-MM-DD` of an ISO instant: the time index is partitioned by day. */
export function dayOf(iso: string): string {
  return iso.slice(0, 10);
}

/** The days from `since` to `until`, newest first. */
export function daysBetween(since: Date, until: Date): string[] {
  const days: string[] = [];
  for (
    let day = new Date(until.toISOString().slice(0, 10));
    day.getTime() >= Date.parse(since.toISOString().slice(0, 10));
    day.setUTCDate(day.getUTCDate() - 1)
  ) {
    days.push(day.toISOString().slice(0, 10));
  }
  return days;
}
