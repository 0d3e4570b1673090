/** What a `WWW-Authenticate: Bearer …` challenge asks for. */
export interface BearerChallenge {
  realm: string;
  service?: string;
  scope?: string;
  /** RFC 6750 §3.1: `invalid_token`, `insufficient_scope`… CNCF Distribution adds it once a token was sent. */
  error?: string;
}

// RFC 9110 §11.6.1 / RFC 7235 §2.1: challenge = auth-scheme [ 1*SP ( token68 / #auth-param ) ], auth-param =
// token BWS "=" BWS ( token / quoted-string ). fetch joins several WWW-Authenticate headers with ", ", so a
// scheme name can also follow a comma: a token with no "=" after it starts the next challenge.
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const PART = new RegExp(`[\\s,]*(${TOKEN})(?:[ \\t]*=[ \\t]*(?:"((?:[^"\\\\]|\\\\.)*)"|(${TOKEN})))?`, "y");

/**
 * The Bearer challenge among those a 401 carries, as the token spec describes it:
 * https://distribution.github.io/distribution/spec/auth/token/ ("How to authenticate"). Undefined when there is
 * none or it names no realm. Node has no parser for this header; this reads only the grammar above.
 */
export function parseBearerChallenge(header: string | null): BearerChallenge | undefined {
  if (header === null) return undefined;
  let scheme: string | undefined;
  const bearer: Record<string, string> = {};
  PART.lastIndex = 0;
  for (let match = PART.exec(header); match !== null && match[0] !== ""; match = PART.exec(header)) {
    const [, name = "", quoted, bare] = match;
    if (quoted === undefined && bare === undefined) {
      scheme = name.toLowerCase();
    } else if (scheme === "bearer") {
      // Auth-param names are case-insensitive; the first of a repeated name wins.
      bearer[name.toLowerCase()] ??= quoted !== undefined ? quoted.replace(/\\(.)/g, "$1") : (bare ?? "");
    }
  }
  const { realm, service, scope, error } = bearer;
  if (!realm) return undefined;
  return { realm, ...(service ? { service } : {}), ...(scope ? { scope } : {}), ...(error ? { error } : {}) };
}
