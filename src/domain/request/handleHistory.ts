import type { FlowDeps } from "./flowDeps.js";
import type { ChatText } from "../ports/restoreChat.js";
import type { Person, RequestRecord } from "./requestRecord.js";
import { describeVersion } from "../command/restoreRequest.js";

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
export async function handleHistory(query: HistoryQuery, deps: Pick<FlowDeps, "store" | "chat" | "isApprover" | "now">): Promise<void> {
  const seesAll = await deps.isApprover(query.asker.userId).catch(() => false);
  const now = deps.now();
  const since = new Date(now.getTime() - HISTORY_DAYS * 86_400_000);
  const records = (await deps.store.listRecent(HISTORY_SCAN_LIMIT, since, now))
    .filter((record) => record.requester.teamId === query.asker.teamId)
    .filter((record) => seesAll || record.requester.userId === query.asker.userId)
    .filter((record) => query.org === undefined || record.request.org === query.org)
    .slice(0, query.count);
  const whose = seesAll ? "everyone's (you are an approver)" : "yours";
  const where = query.org ? ` in ${query.org}` : "";
  if (records.length === 0) {
    await deps.chat.tellPrivately(`No restore requests${where} in the last ${HISTORY_DAYS} days (showing ${whose}).`);
    return;
  }
  const text: Array<Exclude<ChatText, string>[number]> = [`Latest ${records.length} restore requests${where}, ${whose}:`];
  for (const record of records) text.push("\n• ", ...historyLine(record, now));
  await deps.chat.tellPrivately(text);
}

function historyLine(record: RequestRecord, now: Date): Exclude<ChatText, string> {
  const { request, decision } = record;
  const version = request.target.kind === "package" ? "" : ` ${describeVersion(request.target)}`;
  const line: Array<Exclude<ChatText, string>[number]> = [{ date: record.createdAt }, ` · ${request.packageType} \`${request.packageName}\`${version} in ${request.org} · ${shownState(record, now)}`];
  line.push(" · asked by ", { user: record.requester.userId });
  if (decision?.by && decision.kind !== "cancelled") line.push(`, ${decision.kind} by `, { user: decision.by });
  if (record.outcome?.githubRequestId) line.push(` · GitHub ${record.outcome.status ?? ""} ${record.outcome.githubRequestId}`);
  if (record.cardLink) line.push(" · ", { link: record.cardLink, label: "card" });
  return line;
}

/** Past its expiry a pending request can no longer be decided, whether or not the sweep has recorded that yet. */
function shownState(record: RequestRecord, now: Date): string {
  const lapsed = record.state === "pending" && record.expiresAt !== undefined && Date.parse(record.expiresAt) <= now.getTime();
  return lapsed ? "expired" : record.state.replace("_", " ");
}
