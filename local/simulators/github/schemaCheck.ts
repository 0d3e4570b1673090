/**
 * A checker for the subset of OpenAPI 3.0 schema keywords used by github-rest-subset.json:
 * type, nullable, enum, format (date-time, uri), properties, required, additionalProperties,
 * items, anyOf, oneOf, allOf. Returns one message per violation ([] when the value conforms).
 */
import type { SchemaObject } from "./openapi.js";

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

export function checkSchema(schema: SchemaObject, value: unknown, path = "$"): string[] {
  if (value === null) return schema.nullable ? [] : [`${path}: null is not allowed`];
  const typeProblem = checkType(schema, value, path);
  if (typeProblem) return [typeProblem];
  const problems: string[] = [];
  if (schema.enum && !schema.enum.includes(value)) problems.push(`${path}: ${JSON.stringify(value)} not in enum`);
  const formatProblem = checkFormat(schema, value, path);
  if (formatProblem) problems.push(formatProblem);
  if (Array.isArray(value) && schema.items) {
    const items = schema.items;
    for (const [i, item] of value.entries()) problems.push(...checkSchema(items, item, `${path}[${i}]`));
  }
  if (isObject(value)) problems.push(...checkObject(schema, value, path));
  problems.push(...checkCombinators(schema, value, path));
  return problems;
}

function checkType(schema: SchemaObject, value: unknown, path: string): string | undefined {
  const ok = (() => {
    switch (schema.type) {
      case undefined:
        return true;
      case "integer":
        return Number.isInteger(value);
      case "number":
        return typeof value === "number" && Number.isFinite(value);
      case "array":
        return Array.isArray(value);
      case "object":
        return isObject(value);
      default:
        return typeof value === schema.type;
    }
  })();
  return ok ? undefined : `${path}: expected ${schema.type}, got ${JSON.stringify(value)}`;
}

function checkFormat(schema: SchemaObject, value: unknown, path: string): string | undefined {
  if (typeof value !== "string") return undefined;
  if (schema.format === "date-time" && !(DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)))) {
    return `${path}: ${JSON.stringify(value)} is not a date-time`;
  }
  if (schema.format === "uri" && !URL.canParse(value)) return `${path}: ${JSON.stringify(value)} is not a uri`;
  return undefined;
}

function checkObject(schema: SchemaObject, value: Record<string, unknown>, path: string): string[] {
  const problems: string[] = [];
  for (const name of schema.required ?? []) {
    if (!(name in value)) problems.push(`${path}: missing required property ${name}`);
  }
  for (const [name, child] of Object.entries(value)) {
    const declared = schema.properties?.[name];
    if (declared) problems.push(...checkSchema(declared, child, `${path}.${name}`));
    else if (schema.additionalProperties === false) problems.push(`${path}: unexpected property ${name}`);
    else if (isObject(schema.additionalProperties)) {
      problems.push(...checkSchema(schema.additionalProperties, child, `${path}.${name}`));
    }
  }
  return problems;
}

function checkCombinators(schema: SchemaObject, value: unknown, path: string): string[] {
  const problems: string[] = [];
  for (const sub of schema.allOf ?? []) problems.push(...checkSchema(sub, value, path));
  if (schema.anyOf && !schema.anyOf.some((sub) => checkSchema(sub, value, path).length === 0)) {
    problems.push(`${path}: matches none of anyOf`);
  }
  if (schema.oneOf) {
    const matches = schema.oneOf.filter((sub) => checkSchema(sub, value, path).length === 0).length;
    if (matches !== 1) problems.push(`${path}: matches ${matches} of oneOf, expected exactly 1`);
  }
  return problems;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
