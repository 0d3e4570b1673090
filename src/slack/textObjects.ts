import type { MrkdwnElement, PlainTextElement } from "@slack/types";
import { shortenText } from "./shortenText.js";

/** A mrkdwn text object that fits `max`: the last line of defence, after the pieces were shortened. */
export function mrkdwnText(text: string, max: number): MrkdwnElement {
  return { type: "mrkdwn", text: shortenText(text, max) };
}

/** A plain_text object that fits `max`; `emoji: false` shows emoji shortcodes as typed. */
export function plainText(text: string, max: number, options: { emoji?: boolean } = {}): PlainTextElement {
  return { type: "plain_text", text: shortenText(text, max, "plain_text"), ...options };
}
