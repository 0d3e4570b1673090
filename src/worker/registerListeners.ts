import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  Context,
  RespondFn,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
} from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { parseCommand, type ParsedCommand } from "../domain/command/parseCommand.js";
import { refusalEvent } from "../domain/audit/auditEvent.js";
import type { AuditTrail } from "../domain/audit/auditTrail.js";
import type { FlowDeps } from "../domain/request/flowDeps.js";
import { handleCommand } from "../domain/request/handleCommand.js";
import { handleDecision, type DecisionAction } from "../domain/request/handleDecision.js";
import { handleHistory } from "../domain/request/handleHistory.js";
import { handleVersions } from "../domain/request/handleVersions.js";
import type { Logger } from "../log/logger.js";
import { ACTION_IDS, REQUEST_VERSION_ACTION } from "../slack/actionIds.js";
import type { Guard } from "./createGuard.js";
import { readDecisionJob } from "./readDecisionJob.js";
import { readParsedCommand } from "./readParsedCommand.js";
import { readVersionRequestClick } from "./readVersionRequestClick.js";
import { buttonUnreadable, clickUnreadable, requestUnreadable } from "./workerMessages.js";

const ACTIONS: Record<string, DecisionAction> = {
  [ACTION_IDS.approve]: "approve",
  [ACTION_IDS.deny]: "deny",
  [ACTION_IDS.cancel]: "cancel",
};

export interface ListenerContext {
  /** The flows' dependencies for one job, talking to Slack through that job's client and response URL. */
  flowDeps: (client: WebClient, respond: RespondFn) => FlowDeps;
  audit: AuditTrail;
  log: Logger;
  guarded: Guard;
  /** `doctor`: checks the setup and tells the asker privately (approvers only; see handleDoctor). */
  doctor: (askerId: string, flow: FlowDeps) => Promise<void>;
}

/** Bolt listeners: each reads what Slack sent, and the HTTP function's parse of its text, and hands them to a domain flow. */
export function registerListeners(app: App, { flowDeps, audit, log, guarded, doctor }: ListenerContext): void {
  /**
   * The job's parse, or undefined once the person has been told nothing was done. Not thrown: every delivery of the
   * job would be refused the same way, so retrying would only dead-letter it.
   */
  const parsedOf = async (
    context: Context,
    respond: RespondFn,
    legacyText?: unknown,
  ): Promise<ParsedCommand | undefined> => {
    // A job the previous release's HTTP function handed over (still queued, or retried across the deploy) carries the
    // command's text and no parse: read it here, once, with the same parser, rather than drop the request.
    if (context.parsed === undefined && typeof legacyText === "string") return parseCommand(legacyText);
    const reading = readParsedCommand(context.parsed);
    if (reading.ok) return reading.command;
    log.error("Refused a job whose parsed command can't be read; nothing was done", {
      requestId: String(context.requestId),
      problem: reading.problem,
    });
    await respond({ response_type: "ephemeral", replace_original: false, text: requestUnreadable() }).catch(
      () => undefined,
    );
    return undefined;
  };

  app.command(/.*/, async ({ command, client, respond, context }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    const parsed = await parsedOf(context, respond, (command as { text?: unknown }).text);
    if (parsed === undefined) return;
    const requestId = String(context.requestId);
    const requester = { teamId: command.team_id, userId: command.user_id };
    const deps = flowDeps(client, respond);
    switch (parsed.kind) {
      case "restore":
        return guarded(requestId, respond, () =>
          handleCommand({ id: requestId, requester, channelId: command.channel_id, request: parsed.request }, deps),
        );
      case "history":
        return guarded(requestId, respond, async () => {
          await handleHistory(
            { asker: requester, count: parsed.count, ...(parsed.org ? { org: parsed.org } : {}) },
            deps,
          );
          return undefined;
        });
      case "versions": {
        const pkg = { org: parsed.org, packageType: parsed.packageType, packageName: parsed.packageName };
        return guarded(requestId, respond, async () => {
          await handleVersions({ asker: requester, pkg, page: parsed.page }, deps);
          return undefined;
        });
      }
      case "invalid": {
        // The HTTP function has answered already; it hands bad input over only to be recorded.
        const event = refusalEvent(requestId, {
          requestId,
          actor: requester,
          requester,
          at: String(context.receivedAt),
          decision: `bad_input_${parsed.error.part}`,
          ...parsed.typed,
        });
        return guarded(requestId, respond, async () => {
          await audit.record([event]);
          return undefined;
        });
      }
      case "doctor":
        return guarded(requestId, respond, async () => {
          await doctor(command.user_id, deps);
          return undefined;
        });
      case "help":
        return;
    }
  });

  app.action(
    /^restore_(approve|deny|cancel)$/,
    async ({ body, action, client, respond, context }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) => {
      const jobId = String(context.requestId);
      const job = readDecisionJob({ id: jobId, receivedAt: String(context.receivedAt) }, body, action, ACTIONS);
      if (job === undefined) {
        log.warn("Ignored a click with an unexpected shape", { jobId });
        await respond({ response_type: "ephemeral", replace_original: false, text: clickUnreadable() });
        return;
      }
      await guarded(job.requestId, respond, () => handleDecision(job, flowDeps(client, respond)));
    },
  );

  // "Request restore" on a `versions` listing: the clicker asks, exactly as if they had typed the button's command.
  app.action(
    REQUEST_VERSION_ACTION,
    async ({ body, client, respond, context }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) => {
      const parsed = await parsedOf(context, respond);
      if (parsed === undefined) return;
      const jobId = String(context.requestId);
      const click = readVersionRequestClick(body);
      if (click === undefined || parsed.kind !== "restore") {
        log.warn("Ignored a Request restore click that doesn't read as a restore", { jobId });
        await respond({ response_type: "ephemeral", replace_original: false, text: buttonUnreadable() });
        return;
      }
      const job = {
        id: jobId,
        requester: click.requester,
        channelId: click.channelId,
        request: parsed.request,
        origin: "versions_button" as const,
      };
      await guarded(jobId, respond, () => handleCommand(job, flowDeps(client, respond)));
    },
  );
}
