/** What the EventBridge schedule in serverless.yml sends the worker (its `input`), instead of a Slack job. */
export interface SweepEvent {
  kind: "sweep";
}

export function isSweepEvent(event: unknown): event is SweepEvent {
  return typeof event === "object" && event !== null && (event as { kind?: unknown }).kind === "sweep";
}
