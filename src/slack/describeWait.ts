/**
 * A request's waiting time the way people say it: "24 h", "30 min", "7 days", "90 s".
 * Rounded, because a card may open a little after its request was received.
 */
export function describeWait(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s >= 2 * 86_400) return `${Math.round(s / 86_400)} days`;
  if (s >= 2 * 3600 || (s >= 3600 && s % 3600 === 0)) return `${Math.round(s / 3600)} h`;
  if (s >= 120) return `${Math.round(s / 60)} min`;
  return `${s} s`;
}
