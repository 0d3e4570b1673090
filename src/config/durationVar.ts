import { ConfigError } from "../errors.js";
import { optionalVar, type Env } from "./readEnv.js";

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** A duration such as `90s`, `30m`, `24h` or `7d`, in milliseconds, within [min, max]. */
export function durationVar(env: Env, name: string, defaultValue: string, minMs: number, maxMs: number): number {
  const value = optionalVar(env, name) ?? defaultValue;
  const match = /^(\d+)\s*([smhd])$/i.exec(value);
  if (!match) throw new ConfigError(name, "use a number and a unit: s, m, h or d, such as 30m or 24h.");
  const ms = Number(match[1]) * UNIT_MS[(match[2] ?? "").toLowerCase() as keyof typeof UNIT_MS];
  if (ms < minMs || ms > maxMs)
    throw new ConfigError(name, `use a duration from ${minMs / 1000} s to ${maxMs / 86_400_000} days.`);
  return ms;
}
