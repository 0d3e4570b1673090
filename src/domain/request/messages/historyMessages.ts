// What the `history` flow (handleHistory) tells the person who asked, in one place, as functions of the records
// found. Plain text with mentions, dates and links as ChatText parts: the chat adapter escapes and renders them.
import { describeVersion } from "../../command/restoreRequest.js";
import type { ChatText } from "../../ports/restoreChat.js";
import type { RequestRecord } from "../requestRecord.js";

type Part = Exclude<ChatText, string>[number];

/** Whose requests were listed, and of which org if one was asked for. */
export interface HistoryScope {
  seesAll: boolean;
  org?: string;
  days: number;
}

export function noRequests(scope: HistoryScope): string {
  return `No restore requests${where(scope)} in the last ${scope.days} days (showing ${whose(scope)}).`;
}

/** The requests, newest first, one line each; `now` decides which pending ones show as expired. */
export function requestList(records: readonly RequestRecord[], scope: HistoryScope, now: Date): ChatText {
  const text: Part[] = [`Latest ${records.length} restore requests${where(scope)}, ${whose(scope)}:`];
  for (const record of records) text.push("\n• ", ...requestLine(record, now));
  return text;
}

function where(scope: HistoryScope): string {
  return scope.org ? ` in ${scope.org}` : "";
}

function whose(scope: HistoryScope): string {
  return scope.seesAll ? "everyone's (you are an approver)" : "yours";
}

function requestLine(record: RequestRecord, now: Date): Part[] {
  const { request, decision } = record;
  const version = request.target.kind === "package" ? "" : ` ${describeVersion(request.target)}`;
  const line: Part[] = [
    { date: record.createdAt },
    ` · ${request.packageType} \`${request.packageName}\`${version} in ${request.org} · ${shownState(record, now)}`,
  ];
  line.push(" · asked by ", { user: record.requester.userId });
  if (decision?.by && decision.kind !== "cancelled") line.push(`, ${decision.kind} by `, { user: decision.by });
  if (record.outcome?.githubRequestId)
    line.push(` · GitHub ${record.outcome.status ?? ""} ${record.outcome.githubRequestId}`);
  if (record.cardLink) line.push(" · ", { link: record.cardLink, label: "card" });
  return line;
}

/** Past its expiry a pending request can no longer be decided, whether or not the sweep has recorded that yet. */
function shownState(record: RequestRecord, now: Date): string {
  const lapsed =
    record.state === "pending" && record.expiresAt !== undefined && Date.parse(record.expiresAt) <= now.getTime();
  return lapsed ? "expired" : record.state.replace("_", " ");
}
