/**
 * An HTTP call as CloudBase's HTTP access service (HTTP 访问服务) hands it to a function, and the answer it
 * expects back. The local gateway builds the same event for `/open311/v2/*`, so the function cannot tell
 * the two apart. Only the open311 function takes these (server/functions/open311.function.ts).
 */
export interface HttpEvent {
  path: string;
  httpMethod: string;
  headers: Record<string, string | undefined>;
  queryStringParameters: Record<string, string | undefined> | null;
  body: string | null;
  isBase64Encoded: boolean;
}

export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: false;
}

export function isHttpEvent(event: unknown): event is HttpEvent {
  if (typeof event !== 'object' || event === null) return false;
  const e = event as Partial<HttpEvent>;
  return typeof e.httpMethod === 'string' && typeof e.path === 'string';
}

/** Header names are case-insensitive: the value of `name` (lower case) among `headers`. */
export function headerOf(headers: HttpEvent['headers'] | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name && typeof v === 'string') return v;
  return undefined;
}
