// What the worker's Slack adapter itself tells people, apart from the flows (src/domain/request/messages/): a job it
// can't read, and a job paused by an outage. Mrkdwn sent as it is, so nothing here may quote user input.
import type { SlackUnavailableError } from "../errors.js";

export function requestUnreadable(): string {
  return "I couldn't read that request; nothing was done.";
}

export function clickUnreadable(): string {
  return "I couldn't read that click; nothing changed.";
}

export function buttonUnreadable(): string {
  return "I couldn't read that button, so nothing was done. Type the command instead.";
}

/** Said on every delivery, so it promises nothing a last delivery can't keep. */
export function storePaused(deliveryAttempts: number): string {
  return `The bot's database didn't answer, so this request is paused. Each request is tried up to ${deliveryAttempts} times, a minute or two apart; if you hear nothing more, ask again. Nothing will run twice.`;
}

export function cardPaused(error: SlackUnavailableError): string {
  return `Slack didn't take the request card (it said \`${error.slackError}\`, try ${error.tries} of ${error.ofTries}), so this request is paused; I'll try again in a minute or two.`;
}
