import { ConfigError } from "../errors.js";

export type Env = Readonly<Record<string, string | undefined>>;

/** A set variable's trimmed value; blank counts as unset. */
export function optionalVar(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

export function requiredVar(env: Env, name: string, hint: string): string {
  const value = optionalVar(env, name);
  if (value === undefined) throw new ConfigError(name, `it is not set. ${hint}`);
  return value;
}

export function booleanVar(env: Env, name: string, defaultValue: boolean): boolean {
  const value = optionalVar(env, name)?.toLowerCase();
  if (value === undefined) return defaultValue;
  if (value === "true") return true;
  if (value === "false") return false;
  throw new ConfigError(name, "use `true` or `false`.");
}

/** An http(s) URL without a trailing slash. */
export function urlVar(env: Env, name: string, defaultValue: string): string {
  const value = optionalVar(env, name) ?? defaultValue;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(name, "it is not a URL; use a full URL such as https://example.com.");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new ConfigError(name, "use an http or https URL.");
  return url.toString().replace(/\/+$/, "");
}

/** A comma- or space-separated list. */
export function listVar(env: Env, name: string): string[] {
  return (optionalVar(env, name) ?? "").split(/[\s,]+/).filter((item) => item.length > 0);
}
