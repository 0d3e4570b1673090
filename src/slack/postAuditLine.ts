import type { WebClient } from "@slack/web-api";
import type { AuditEvent } from "../domain/audit/auditEvent.js";
import { renderAuditLine } from "./renderAuditLine.js";

/** Posts one audit event as one line in the audit channel. */
export function postAuditLine(
  client: WebClient,
  botToken: string,
  channelId: string,
): (event: AuditEvent) => Promise<void> {
  return async (event) => {
    const text = renderAuditLine(event);
    await client.chat.postMessage({
      token: botToken,
      channel: channelId,
      text,
      unfurl_links: false,
      unfurl_media: false,
    });
  };
}
