/**
 * The named fields of `source` that hold a string, number or boolean, as Slack sends them. Anything else is left
 * out, so an object or a long array where a plain value belongs can't ride along into the job.
 */
export function pickFields(source: unknown, names: readonly string[]): Record<string, string | number | boolean> {
  const picked: Record<string, string | number | boolean> = {};
  if (typeof source !== "object" || source === null) return picked;
  for (const name of names) {
    const value = (source as Record<string, unknown>)[name];
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") picked[name] = value;
  }
  return picked;
}
