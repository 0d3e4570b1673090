import type { TestStack } from "./startTestStack.js";

/** Asks for an npm package in acme as the default requester and returns the card that opened, with its request ID. */
export async function openRequestCard(stack: TestStack, name: string) {
  await stack.command(`acme npm ${name} oops`);
  const card = stack.slack
    .messages("C0RESTORE")
    .find((message) => JSON.stringify(message.blocks).includes(name) && message.thread_ts === undefined);
  if (card === undefined) throw new Error(`no card for ${name}`);
  const requestId = /request `([^`]+)`/.exec(JSON.stringify(card.blocks))?.[1];
  if (requestId === undefined) throw new Error(`the card for ${name} names no request`);
  return { card, requestId };
}
