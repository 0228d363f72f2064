/**
 * What a request may carry besides its URL: headers from an allow-list and, for a POST, a JSON
 * body of bounded size. Every other header is refused, so no caller can set cookies, a referrer,
 * an origin or a host through the fetch module; keys and tokens (SECRET_HEADERS) are sent to the
 * origin asked for only, never after a redirect to another one.
 */

/** Lower-case names; each one earns its place: a rank provider's key or a content negotiation. */
export const ALLOWED_REQUEST_HEADERS = ['accept', 'authorization', 'api-opr', 'x-moz-token'] as const;
/** Credentials: dropped on a redirect to another origin (fetch drops Authorization the same way). */
export const SECRET_HEADERS: readonly string[] = ['authorization', 'api-opr', 'x-moz-token'];
/** A header value, characters (a bearer token is well under this). */
export const MAX_HEADER_VALUE = 1024;

export type RequestHeaders = Partial<Record<string, string>>;

export type CheckedRequest = { ok: true; headers: Record<string, string>; body: string | undefined } | { ok: false; message: string };

const VISIBLE_ASCII = /^[\x20-\x7e]*$/;

/** The request's headers (lower-case names) and body, or why it is refused. */
export function checkRequest(method: string, headers: RequestHeaders | undefined, json: unknown, maxBodyBytes: number): CheckedRequest {
  if (method !== 'GET' && method !== 'HEAD' && method !== 'POST') return { ok: false, message: `method ${String(method).slice(0, 20)} is not allowed` };
  const out: Record<string, string> = {};
  for (const [rawName, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    const name = rawName.toLowerCase();
    if (!(ALLOWED_REQUEST_HEADERS as readonly string[]).includes(name)) return { ok: false, message: `the request header ${rawName.slice(0, 40)} is not on the allow-list` };
    if (typeof value !== 'string' || value.length > MAX_HEADER_VALUE || !VISIBLE_ASCII.test(value)) return { ok: false, message: `the ${name} header's value is not printable ASCII of at most ${MAX_HEADER_VALUE} characters` };
    out[name] = value;
  }
  if (method !== 'POST') {
    if (json !== undefined) return { ok: false, message: `a ${method} request has no body` };
    return { ok: true, headers: out, body: undefined };
  }
  if (json === undefined) return { ok: false, message: 'a POST needs a JSON body' };
  let body: string | undefined;
  try {
    body = JSON.stringify(json);
  } catch {
    body = undefined;
  }
  if (body === undefined) return { ok: false, message: 'the body is not JSON' };
  const bytes = new TextEncoder().encode(body).byteLength;
  if (bytes > maxBodyBytes) return { ok: false, message: `the body is ${bytes} bytes, more than ${maxBodyBytes}` };
  return { ok: true, headers: out, body };
}

/** The headers one hop sends: secrets only to the first origin, Content-Type only with a body. */
export function headersForHop(headers: Record<string, string>, defaultAccept: string, sameOrigin: boolean, hasBody: boolean): Record<string, string> {
  const out: Record<string, string> = { accept: defaultAccept };
  for (const [name, value] of Object.entries(headers)) {
    if (!sameOrigin && SECRET_HEADERS.includes(name)) continue;
    out[name] = value;
  }
  if (hasBody) out['content-type'] = 'application/json';
  return out;
}
