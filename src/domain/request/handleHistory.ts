import type { FlowDeps } from "./flowDeps.js";
import { noRequests, requestList } from "./messages/historyMessages.js";
import type { Person } from "./requestRecord.js";

/** How far back `history` looks. */
export const HISTORY_DAYS = 90;
/** Requests read before filtering by org and requester; a bot's volume stays far below it. */
const HISTORY_SCAN_LIMIT = 1000;

export interface HistoryQuery {
  asker: Person;
  org?: string;
  count: number;
}

/**
 * The `history [org] [count]` command: recent requests and how they ended,
 * privately. Approvers see everyone's; anyone else sees their own.
 */
export async function handleHistory(
  query: HistoryQuery,
  deps: Pick<FlowDeps, "store" | "chat" | "isApprover" | "now">,
): Promise<void> {
  const seesAll = await deps.isApprover(query.asker.userId).catch(() => false);
  const now = deps.now();
  const since = new Date(now.getTime() - HISTORY_DAYS * 86_400_000);
  const records = (await deps.store.listRecent(HISTORY_SCAN_LIMIT, since, now))
    .filter((record) => record.requester.teamId === query.asker.teamId)
    .filter((record) => seesAll || record.requester.userId === query.asker.userId)
    .filter((record) => query.org === undefined || record.request.org === query.org)
    .slice(0, query.count);
  const scope = { seesAll, days: HISTORY_DAYS, ...(query.org ? { org: query.org } : {}) };
  await deps.chat.tellPrivately(records.length === 0 ? noRequests(scope) : requestList(records, scope, now));
}
