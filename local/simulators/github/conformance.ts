/**
 * Test helper: checks that a response the simulator produced matches GitHub's OpenAPI
 * description for the operation and status. Statuses the description leaves undocumented
 * for an operation must be listed in UNDOCUMENTED and carry GitHub's error shape.
 */
import { loadSpec, type SchemaObject } from "./openapi.js";
import { checkSchema } from "./schemaCheck.js";

export interface ObservedResponse {
  operationId: string | null;
  status: number;
  /** Raw body text ("" when empty). */
  body: string;
  contentType: string | null;
}

/**
 * Error statuses the simulator answers that the description does not list for that operation.
 * Faults (failNext) may produce any 429 or 5xx on any operation, and the statuses GitHub's front
 * end answers before any operation sees the request (HTTP_LAYER); those are allowed separately.
 */
export const UNDOCUMENTED: Readonly<Record<string, readonly number[]>> = {
  "apps/get-authenticated": [401],
  "apps/get-org-installation": [401, 404],
  "apps/create-installation-access-token": [400],
  "packages/get-package-for-organization": [401, 403, 404, 422],
  "packages/delete-package-for-org": [422],
  "packages/restore-package-for-org": [409, 422],
  "packages/get-all-package-versions-for-package-owned-by-org": [422],
  "packages/get-package-version-for-organization": [401, 403, 404, 422],
  "packages/restore-package-version-for-org": [422],
  "apps/list-installations": [401],
  "packages/list-packages-for-organization": [404, 422],
};

/**
 * Where the description itself can't be met: apps/list-installations types `account` as allOf simple-user and
 * enterprise, so a conforming account would be a user and an enterprise at once (get-org-installation says anyOf,
 * as GitHub answers). Problems under these paths are not counted; the rest of the answer still is.
 */
const DESCRIPTION_ERRORS: Readonly<Record<string, RegExp>> = {
  "apps/list-installations": /^\$\[\d+\]\.account: /,
};

/** Not Acceptable, Payload Too Large, Unsupported Media Type: about the request's framing, on any route. */
const HTTP_LAYER: readonly number[] = [406, 413, 415];

const GENERIC_NOT_FOUND = { message: "Not Found", documentation_url: "https://docs.github.com/rest", status: "404" };

function operation(operationId: string) {
  for (const item of Object.values(loadSpec().paths)) {
    for (const op of Object.values(item)) if (op.operationId === operationId) return op;
  }
  throw new Error(`operation ${operationId} is not in the description`);
}

function jsonSchema(operationId: string, status: string): SchemaObject | undefined {
  return operation(operationId).responses[status]?.content?.["application/json"]?.schema;
}

/** basic-error and validation-error, as the description spells them. */
const basicError = () => jsonSchema("packages/restore-package-for-org", "404") as SchemaObject;
const validationError = () => jsonSchema("apps/create-installation-access-token", "422") as SchemaObject;

/** Every problem with the response; [] when it conforms. */
export function conformanceProblems(r: ObservedResponse): string[] {
  const where = `${r.operationId ?? "(no route)"} ${r.status}`;
  const parsed = parseBody(r);
  if (typeof parsed === "string") return [`${where}: ${parsed}`];
  if (r.operationId === null) {
    return r.status === 404 && JSON.stringify(parsed) === JSON.stringify(GENERIC_NOT_FOUND)
      ? []
      : [`${where}: unmatched routes must answer GitHub's generic 404, got ${r.body}`];
  }
  const documented = operation(r.operationId).responses[String(r.status)];
  const problems: string[] = [];
  let schema: SchemaObject | undefined;
  if (documented) {
    schema = documented.content?.["application/json"]?.schema;
    if (!schema && parsed !== undefined) problems.push(`${where}: documented without a body, got ${r.body}`);
  } else if (
    r.status === 429 ||
    r.status >= 500 ||
    HTTP_LAYER.includes(r.status) ||
    UNDOCUMENTED[r.operationId]?.includes(r.status)
  ) {
    schema = r.status === 422 ? validationError() : basicError();
  } else {
    problems.push(`${where}: status not in the description and not listed in UNDOCUMENTED`);
  }
  if (schema) {
    if (parsed === undefined) problems.push(`${where}: expected a JSON body`);
    else
      problems.push(
        ...checkSchema(schema, parsed)
          .filter((p) => !DESCRIPTION_ERRORS[r.operationId ?? ""]?.test(p))
          .map((p) => `${where}: ${p}`),
      );
  }
  if (r.status >= 400) problems.push(...errorBodyProblems(parsed, r.status).map((p) => `${where}: ${p}`));
  return problems;
}

function parseBody(r: ObservedResponse): unknown {
  if (r.body === "") return undefined;
  if (!r.contentType?.startsWith("application/json")) return `body without a JSON content-type: ${r.contentType}`;
  try {
    return JSON.parse(r.body) as unknown;
  } catch {
    return `body is not JSON: ${r.body.slice(0, 80)}`;
  }
}

/** GitHub's error bodies always carry message, documentation_url and the status as a string. */
function errorBodyProblems(body: unknown, status: number): string[] {
  const b = (body ?? {}) as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof b.message !== "string" || b.message === "") problems.push("error without a message");
  if (typeof b.documentation_url !== "string") problems.push("error without documentation_url");
  if (b.status !== String(status)) problems.push(`error status field ${JSON.stringify(b.status)} != "${status}"`);
  return problems;
}
