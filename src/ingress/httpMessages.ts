/** The HTTP function's view of a request and response, free of any Lambda or Node server type. */
export interface HttpRequest {
  method: string;
  /** Header names lower-cased. */
  headers: Readonly<Record<string, string | undefined>>;
  /** The body exactly as received. */
  body: string;
}

export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export function emptyResponse(statusCode: number): HttpResponse {
  return { statusCode, headers: {}, body: "" };
}

export function textResponse(statusCode: number, text: string): HttpResponse {
  return { statusCode, headers: { "content-type": "text/plain; charset=utf-8" }, body: text };
}

export function jsonResponse(statusCode: number, value: unknown): HttpResponse {
  return { statusCode, headers: { "content-type": "application/json" }, body: JSON.stringify(value) };
}
