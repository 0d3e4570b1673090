import type { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { RequestRecord } from "../domain/request/requestRecord.js";

/** A request item as the document client reads it, without the key, index and TTL attributes. */
export function toRecord(item: Record<string, unknown>): RequestRecord {
  const { pk: _pk, sk: _sk, ttl: _ttl, gsi1pk: _gsi1pk, gsi1sk: _gsi1sk, ...record } = item;
  return record as unknown as RequestRecord;
}

/**
 * The item a refused write found, sent with the refusal when the write asked for
 * it (ReturnValuesOnConditionCheckFailure ALL_OLD). It comes raw, in attribute-value
 * form: the document client translates only successful answers.
 */
export function recordInRefusal(refusal: ConditionalCheckFailedException): RequestRecord | undefined {
  return refusal.Item === undefined ? undefined : toRecord(unmarshall(refusal.Item));
}
