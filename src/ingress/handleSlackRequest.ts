import { createHash } from "../node/crypto.js";
import { HandOffError } from "../errors.js";
import { escapeMrkdwn } from "../slack/escapeMrkdwn.js";
import type { IngressMetrics } from "./createIngressMetrics.js";
import { parseCommand, type ParsedCommand } from "../domain/command/parseCommand.js";
import { isOrgAllowed, type RestorePolicy } from "../domain/request/restorePolicy.js";
import { PARSED_COMMAND_VERSION, type HandOff, type WorkerJob } from "../handoff/workerJob.js";
import type { Logger } from "../log/logger.js";
import { verifySlackSignature } from "../slack/verifySlackSignature.js";
import { emptyResponse, jsonResponse, textResponse, type HttpRequest, type HttpResponse } from "./httpMessages.js";
import {
  clickNotRecorded,
  gotIt,
  checkingSetup,
  lookingUpHistory,
  lookingUpVersions,
  notQueued,
  orgNotServed,
  otherCommand,
  usage,
  usageError,
} from "./ingressMessages.js";
import { isOrgLogin } from "../domain/command/isOrgLogin.js";
import { pickCommandFields } from "./pickCommandFields.js";
import { pickInteractionFields } from "./pickInteractionFields.js";
import { versionButtonText } from "./versionButtonText.js";

export interface IngressDeps {
  signingSecret: string;
  policy: RestorePolicy;
  requireApproval: boolean;
  /** The slash command this app answers. */
  command: string;
  handOff: HandOff;
  now: () => number;
  /** An ID for a request without a trigger_id (Slack always sends one; this is the fallback). */
  newId: () => string;
  log: Logger;
  /** Counts for operators (docs/operations.md); absent where nobody reads them. */
  metrics?: IngressMetrics;
}

/**
 * Slack sends small forms; anything bigger is not Slack. Refused before the signature is checked, so nobody can
 * make the function hash megabytes, and the same on Lambda as on the local server.
 */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Slack's request URL. Verifies, answers within Slack's 3 s and hands real work
 * to the worker; it never waits for GitHub. Deliberately free of Bolt and the
 * AWS SDK: their load time alone would eat the cold-start budget.
 */
export async function handleSlackRequest(request: HttpRequest, deps: IngressDeps): Promise<HttpResponse> {
  if (request.method !== "POST") return textResponse(405, "Use POST.");
  if (Buffer.byteLength(request.body, "utf8") > MAX_BODY_BYTES)
    return textResponse(413, "Request body too large: Slack's requests are under 64 KiB.");
  const contentType = request.headers["content-type"]?.split(";")[0]?.trim().toLowerCase();
  const form =
    contentType === "application/x-www-form-urlencoded"
      ? Object.fromEntries(new URLSearchParams(request.body))
      : undefined;
  // Slack's SSL check comes unsigned (Bolt answers it before verifying too). Nothing else in the form is looked at.
  if (form?.ssl_check === "1") return emptyResponse(200);
  const check = verifySlackSignature(
    {
      timestamp: request.headers["x-slack-request-timestamp"],
      signature: request.headers["x-slack-signature"],
      rawBody: request.body,
    },
    deps.signingSecret,
    deps.now(),
  );
  if (!check.ok) {
    deps.metrics?.signatureRefused();
    deps.log.warn("Refused a request with an invalid Slack signature", { reason: check.reason });
    return textResponse(401, "Invalid Slack signature.");
  }
  if (form === undefined) return textResponse(415, "Expected application/x-www-form-urlencoded, as Slack sends.");
  if (form.payload !== undefined) return acceptInteraction(form.payload, deps);
  if (form.command !== undefined) return acceptCommand(form, deps);
  return textResponse(400, "Expected a slash command or an interaction payload.");
}

async function acceptCommand(form: Record<string, string>, deps: IngressDeps): Promise<HttpResponse> {
  if (form.command !== deps.command) {
    deps.metrics?.received("other_command");
    return ephemeral(otherCommand(deps.command));
  }
  const parsed = parseCommand(form.text ?? "");
  deps.metrics?.received(parsed.kind);
  const job = () => newJob(deps, form, { kind: "command", body: pickCommandFields(form) }, parsed);
  switch (parsed.kind) {
    case "help":
      return ephemeral(usage(deps.command));
    case "history":
      return (await handOff(job(), deps)) ? ephemeral(lookingUpHistory()) : notQueuedResponse();
    case "doctor":
      // Approvers only: the worker knows who they are (user groups included) and answers everyone else.
      return (await handOff(job(), deps)) ? ephemeral(checkingSetup()) : notQueuedResponse();
    case "versions":
      // A listing changes nothing, so an org the bot doesn't serve is simply answered here.
      if (!isOrgAllowed(deps.policy, parsed.org)) return notServed(parsed.org, deps.policy);
      if (!(await handOff(job(), deps))) return notQueuedResponse();
      return ephemeral(lookingUpVersions(parsed));
    case "invalid":
      // Bad input about an org the bot serves goes on the audit trail; the answer is given here either way.
      if (namesServedOrg(parsed.typed.org, deps.policy)) await handOff(job(), deps);
      return ephemeral(usageError(parsed.error, deps.command));
    case "restore":
      break;
  }
  const { request } = parsed;
  if (!isOrgAllowed(deps.policy, request.org)) {
    // Handed over only to be recorded: the worker refuses it without a second message.
    await handOff(job(), deps);
    return notServed(request.org, deps.policy);
  }
  if (!(await handOff(job(), deps))) return notQueuedResponse();
  return ephemeral(gotIt(request, deps.requireApproval));
}

function notServed(org: string, policy: RestorePolicy): HttpResponse {
  return ephemeral(orgNotServed(org, policy.orgs ?? []));
}

function notQueuedResponse(): HttpResponse {
  return ephemeral(notQueued());
}

/** Whether the command's first word is an org this bot restores in. */
function namesServedOrg(first: string | undefined, policy: RestorePolicy): boolean {
  return first !== undefined && isOrgLogin(first) && isOrgAllowed(policy, first);
}

async function acceptInteraction(payloadJson: string, deps: IngressDeps): Promise<HttpResponse> {
  let payload: unknown;
  try {
    payload = JSON.parse(payloadJson);
  } catch {
    return textResponse(400, "The payload field is not JSON.");
  }
  if (
    typeof payload !== "object" ||
    payload === null ||
    Array.isArray(payload) ||
    typeof (payload as { type?: unknown }).type !== "string"
  ) {
    return textResponse(400, "The payload has no type.");
  }
  const body = payload as Record<string, unknown>;
  // Only button clicks do anything; other interaction types are acknowledged and dropped.
  if (body.type !== "block_actions") return emptyResponse(200);
  deps.metrics?.received("click");
  const fields = pickInteractionFields(body);
  // A listing's "Request restore" button carries command text: read here, like a typed command, and nowhere else.
  const commandText = versionButtonText(fields);
  const job = newJob(
    deps,
    body,
    { kind: "interaction", body: fields },
    commandText === undefined ? undefined : parseCommand(commandText),
  );
  return (await handOff(job, deps)) ? emptyResponse(200) : ephemeral(clickNotRecorded());
}

/** A job carrying only what the worker reads (`slack`, `parsed`), with its ID from everything Slack sent (`received`). */
function newJob(
  deps: IngressDeps,
  received: Record<string, unknown>,
  slack: WorkerJob["slack"],
  parsed: ParsedCommand | undefined,
): WorkerJob {
  const job: WorkerJob = {
    id: requestIdFor(received) ?? deps.newId(),
    receivedAt: new Date(deps.now()).toISOString(),
    slack,
  };
  return parsed === undefined ? job : { ...job, parsed: { v: PARSED_COMMAND_VERSION, command: parsed } };
}

/**
 * The request ID, from Slack's trigger_id, which is unique to each command and
 * click. A request replayed inside the 5-minute signature window therefore gets
 * the same ID, and the worker treats it as a redelivery: nothing happens twice,
 * without the HTTP function having to remember what it has seen.
 */
function requestIdFor(body: Record<string, unknown>): string | undefined {
  const trigger = body.trigger_id;
  if (typeof trigger !== "string" || trigger.length === 0) return undefined;
  const team =
    typeof body.team_id === "string" ? body.team_id : ((body.team as { id?: unknown } | undefined)?.id ?? "");
  return createHash("sha256")
    .update(`${String(team)}:${trigger}`)
    .digest("hex")
    .slice(0, 32);
}

async function handOff(job: WorkerJob, deps: IngressDeps): Promise<boolean> {
  const started = deps.now();
  try {
    await deps.handOff(job);
    deps.metrics?.handedOff(deps.now() - started);
    deps.log.info("Handed a request to the worker", { requestId: job.id, kind: job.slack.kind });
    return true;
  } catch (error) {
    const reason = error instanceof HandOffError ? error.message : "unexpected error";
    deps.metrics?.handOffFailed();
    deps.log.error("Could not hand a request to the worker", { requestId: job.id, reason });
    return false;
  }
}

/** Slack shows an HTTP 200 JSON body with response_type ephemeral only to the person who typed the command. */
function ephemeral(text: string): HttpResponse {
  return jsonResponse(200, { response_type: "ephemeral", text: escapeMrkdwn(text) });
}
