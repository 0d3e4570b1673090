/**
 * Routing and parameter validation driven by GitHub's OpenAPI description.
 *
 * github-rest-subset.json is a verbatim copy of ../shared/reference/github-rest-subset.json
 * (from @octokit/openapi 23.0.2, MIT), kept here so the simulator works from a clean clone.
 * github-rest-doctor.json adds the reads only `doctor` makes (GET /user, GET /app/installations,
 * GET /orgs/{org}/packages), taken from the same package the same way.
 */
import { readFileSync } from "node:fs";

export interface SchemaObject {
  type?: string;
  enum?: unknown[];
  nullable?: boolean;
  format?: string;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  items?: SchemaObject;
  additionalProperties?: boolean | SchemaObject;
  anyOf?: SchemaObject[];
  oneOf?: SchemaObject[];
  allOf?: SchemaObject[];
}

export interface ParameterObject {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: SchemaObject;
}

export interface ResponseObject {
  description: string;
  content?: Record<string, { schema: SchemaObject }>;
}

export interface OperationObject {
  operationId: string;
  tags?: string[];
  externalDocs?: { url: string };
  parameters?: ParameterObject[];
  responses: Record<string, ResponseObject>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
}

export const SPEC_FILE = new URL("./github-rest-subset.json", import.meta.url);
export const DOCTOR_SPEC_FILE = new URL("./github-rest-doctor.json", import.meta.url);

let cachedSpec: OpenApiDocument | undefined;

/** Both descriptions' paths as one document (they share no path). */
export function loadSpec(): OpenApiDocument {
  cachedSpec ??= {
    paths: Object.assign(
      {},
      ...[SPEC_FILE, DOCTOR_SPEC_FILE].map((file) => (JSON.parse(readFileSync(file, "utf8")) as OpenApiDocument).paths),
    ),
  };
  return cachedSpec;
}

type Segment = { literal: string } | { param: string };

export interface Route {
  method: string;
  template: string;
  segments: Segment[];
  operation: OperationObject;
}

const HTTP_METHODS = new Set(["get", "put", "post", "delete", "patch", "head", "options"]);

/** One route per operation, most literal segments first so literals win over `{param}`. */
export function compileRoutes(spec: OpenApiDocument): Route[] {
  const routes: Route[] = [];
  for (const [template, item] of Object.entries(spec.paths)) {
    const segments: Segment[] = template
      .split("/")
      .slice(1)
      .map((s) => (/^\{[^}]+\}$/.test(s) ? { param: s.slice(1, -1) } : { literal: s }));
    for (const [method, operation] of Object.entries(item)) {
      if (HTTP_METHODS.has(method)) routes.push({ method: method.toUpperCase(), template, segments, operation });
    }
  }
  const literals = (r: Route) => r.segments.filter((s) => "literal" in s).length;
  return routes.sort((a, b) => literals(b) - literals(a));
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

const isDotSegment = (s: string) => s === "." || s === "..";

function decodeSegment(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/**
 * Matches the raw (still percent-encoded) path. A `{param}` takes exactly one raw segment,
 * decoded after matching, so `team%2Fapp` is one segment meaning `team/app`. A `{param}`
 * never takes a dot segment (`..`, `%2E%2E`), and literals are compared raw, so
 * `/orgs/acme/packages/npm/../restore` matches no route.
 */
export function matchRoute(routes: readonly Route[], method: string, rawPath: string): RouteMatch | undefined {
  if (!rawPath.startsWith("/")) return undefined;
  const parts = rawPath.split("/").slice(1);
  for (const route of routes) {
    if (route.method !== method || route.segments.length !== parts.length) continue;
    const params = matchSegments(route.segments, parts);
    if (params) return { route, params };
  }
  return undefined;
}

function matchSegments(segments: readonly Segment[], parts: readonly string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (const [i, segment] of segments.entries()) {
    const part = parts[i] ?? "";
    if ("literal" in segment) {
      if (part !== segment.literal) return undefined;
      continue;
    }
    const value = part === "" ? undefined : decodeSegment(part);
    if (value === undefined || isDotSegment(value)) return undefined;
    params[segment.param] = value;
  }
  return params;
}

/** An entry of a 422 "Validation Failed" body, in the spec's validation-error shape. */
export interface ValidationErrorItem {
  resource: string;
  field: string;
  code: "missing" | "invalid";
  value?: string;
  message: string;
}

/** Checks path and query parameters against the operation's parameter schemas. */
export function validateParameters(
  operation: OperationObject,
  params: Record<string, string>,
  query: Record<string, string>,
): ValidationErrorItem[] {
  const resource = resourceName(operation);
  const errors: ValidationErrorItem[] = [];
  for (const p of operation.parameters ?? []) {
    if (p.in !== "path" && p.in !== "query") continue;
    const value = p.in === "path" ? params[p.name] : query[p.name];
    if (value === undefined) {
      if (p.required) errors.push({ resource, field: p.name, code: "missing", message: `${p.name} is missing` });
      continue;
    }
    const problem = checkScalar(p.schema ?? {}, value);
    if (problem) errors.push({ resource, field: p.name, code: "invalid", value, message: `${p.name} ${problem}` });
  }
  return errors;
}

function checkScalar(schema: SchemaObject, value: string): string | undefined {
  if (schema.type === "integer" && !/^-?\d+$/.test(value)) return "must be an integer";
  if (schema.enum && !schema.enum.includes(value)) return `must be one of: ${schema.enum.join(", ")}`;
  return undefined;
}

/** "packages" -> "Package": the resource name GitHub puts in validation errors. */
function resourceName(operation: OperationObject): string {
  const tag = operation.tags?.[0] ?? "resource";
  return tag.charAt(0).toUpperCase() + tag.slice(1).replace(/s$/, "");
}
