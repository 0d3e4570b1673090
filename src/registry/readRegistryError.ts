/** What a registry said in its error body, when it said it in the spec's shape. */
export interface RegistryErrorBody {
  code?: string;
  message?: string;
}

const MAX_MESSAGE = 300;

/**
 * The first entry of `{"errors":[{"code","message","detail"}]}`
 * (https://github.com/opencontainers/distribution-spec/blob/main/spec.md#error-codes). The spec lets a 4xx body be
 * in any format, so anything else reads as nothing said. The message is shortened and stripped of control
 * characters because it ends up in front of a person.
 */
export function readRegistryError(body: Uint8Array): RegistryErrorBody {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(body));
  } catch {
    return {};
  }
  const first = Array.isArray((parsed as { errors?: unknown })?.errors)
    ? (parsed as { errors: unknown[] }).errors[0]
    : undefined;
  if (typeof first !== "object" || first === null) return {};
  const { code, message } = first as { code?: unknown; message?: unknown };
  const said: RegistryErrorBody = {};
  if (typeof code === "string" && /^[A-Z_]{1,64}$/.test(code)) said.code = code;
  if (typeof message === "string" && message.trim() !== "")
    said.message = message
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is taken out of what a registry says.
      .replace(/[\u0000-\u001f\u007f]+/g, " ")
      .trim()
      .slice(0, MAX_MESSAGE);
  return said;
}
