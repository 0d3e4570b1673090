import { REQUEST_VERSION_ACTION } from "../slack/actionIds.js";

/** The command text a click carries, when it is a `versions` listing's "Request restore" button; else undefined. */
export function versionButtonText(fields: Record<string, unknown>): string | undefined {
  const [action] = Array.isArray(fields.actions) ? (fields.actions as Array<Record<string, unknown>>) : [];
  return action?.action_id === REQUEST_VERSION_ACTION && typeof action.value === "string" ? action.value : undefined;
}
