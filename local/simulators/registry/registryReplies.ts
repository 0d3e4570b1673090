/**
 * The registry simulator's answers, byte for byte as CNCF Distribution 2.8 writes them (checked by
 * test/registry/realRegistry.test.ts): JSON error bodies `{"errors":[{code, message, detail}]}` with Go's
 * trailing newline, `application/json; charset=utf-8`, and `Docker-Distribution-Api-Version` on every answer.
 * Codes and messages: https://github.com/opencontainers/distribution-spec/blob/main/spec.md#error-codes and
 * distribution's registry/api/errcode/register.go.
 */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export const API_VERSION_HEADERS = { "docker-distribution-api-version": "registry/2.0" } as const;

export function jsonReply(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
    body: Buffer.from(`${JSON.stringify(value)}\n`),
  };
}

export function errorReply(
  status: number,
  code: string,
  message: string,
  detail?: unknown,
  headers: Record<string, string> = {},
): Reply {
  return jsonReply(status, { errors: [{ code, message, ...(detail !== undefined ? { detail } : {}) }] }, headers);
}

/** GET /v2/ when allowed: `{}`, the one JSON body Distribution writes without the trailing newline. */
export function apiRoot(): Reply {
  return { status: 200, headers: { "content-type": "application/json; charset=utf-8" }, body: Buffer.from("{}") };
}

/** Distribution's router answers a path it has no route for (an upper-case name, a bad reference) in plain text. */
export function noRoute(): Reply {
  return {
    status: 404,
    headers: { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" },
    body: Buffer.from("404 page not found\n"),
  };
}

/** By tag Distribution details `{"Tag"}`; by digest `{"Name","Revision"}`. */
export function manifestUnknown(name: string, reference: string): Reply {
  const detail = reference.includes(":") ? { Name: name, Revision: reference } : { Tag: reference };
  return errorReply(404, "MANIFEST_UNKNOWN", "manifest unknown", detail);
}

/** Distribution refuses to serve an OCI type the Accept header leaves out, with these messages (no detail). */
export function notAccepted(mediaType: string): Reply {
  const what = mediaType.includes("index")
    ? "OCI index"
    : mediaType.includes("oci")
      ? "OCI manifest"
      : mediaType.includes("list")
        ? "manifest list"
        : "image manifest";
  const plural = what === "OCI index" ? "OCI indexes" : `${what}s`;
  return errorReply(404, "MANIFEST_UNKNOWN", `${what} found, but accept header does not support ${plural}`);
}

/**
 * The Bearer challenge and UNAUTHORIZED body Distribution's token auth answers: the scope only on repository
 * routes, `error="invalid_token"` or `"insufficient_scope"` once a token was sent (RFC 6750 §3.1).
 */
export function challenge(
  realm: string,
  service: string,
  name: string | undefined,
  error?: "invalid_token" | "insufficient_scope",
): Reply {
  const scope = name === undefined ? "" : `,scope="repository:${name}:pull"`;
  const header = `Bearer realm="${realm}",service="${service}"${scope}${error ? `,error="${error}"` : ""}`;
  const detail = name === undefined ? null : [{ Type: "repository", Class: "", Name: name, Action: "pull" }];
  return errorReply(401, "UNAUTHORIZED", "authentication required", detail, { "www-authenticate": header });
}

export function denied(): Reply {
  return errorReply(403, "DENIED", "requested access to the resource is denied");
}

/** An injected fault in the spec's shape; 429 with Retry-After, as the spec asks. */
export function faultReply(status: number): Reply {
  if (status === 429) return errorReply(429, "TOOMANYREQUESTS", "too many requests", undefined, { "retry-after": "7" });
  if (status >= 500) return errorReply(status, "UNAVAILABLE", "service unavailable");
  return errorReply(
    status,
    status === 401 ? "UNAUTHORIZED" : status === 403 ? "DENIED" : "UNSUPPORTED",
    "injected fault",
  );
}
