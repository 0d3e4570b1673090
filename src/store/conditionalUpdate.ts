import type { UpdateCondition } from "../domain/ports/requestStore.js";
import type { RequestRecord, RequestState } from "../domain/request/requestRecord.js";

/** The UpdateItem expressions for RequestStore.update: set `changes` only if the record meets `from` and `condition`. */
export function conditionalUpdate(
  from: RequestState,
  changes: Partial<Omit<RequestRecord, "id">>,
  condition: UpdateCondition,
) {
  const names: Record<string, string> = { "#state": "state" };
  const values: Record<string, unknown> = { ":from": from };
  const sets = Object.entries(changes)
    .filter(([, value]) => value !== undefined)
    .map(([field, value], index) => {
      names[`#f${index}`] = field;
      values[`:v${index}`] = value;
      return `#f${index} = :v${index}`;
    });
  let ConditionExpression = "#state = :from";
  if (condition.unexpiredAt !== undefined) {
    names["#expiresAt"] = "expiresAt";
    values[":now"] = condition.unexpiredAt;
    ConditionExpression += " AND #expiresAt > :now";
  }
  if (condition.leaseFreeAt !== undefined) {
    names["#leaseUntil"] = "leaseUntil";
    values[":leaseFreeAt"] = condition.leaseFreeAt;
    ConditionExpression += " AND (attribute_not_exists(#leaseUntil) OR #leaseUntil <= :leaseFreeAt)";
  }
  if (condition.repairRevision !== undefined) {
    names["#repairRevision"] = "repairRevision";
    values[":repairRevision"] = condition.repairRevision;
    ConditionExpression +=
      condition.repairRevision === 0
        ? " AND (attribute_not_exists(#repairRevision) OR #repairRevision = :repairRevision)"
        : " AND #repairRevision = :repairRevision";
  }
  return {
    UpdateExpression: `SET ${sets.join(", ")}`,
    ConditionExpression,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}
