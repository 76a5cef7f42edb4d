/** Every error the HTTP API returns, in one table: a code, the status, and a message that says what to do next. */
export const API_ERRORS = {
  badRequest: { status: 400, message: (detail: string) => `invalid request: ${detail}` },
  noStory: { status: 404, message: (id: string) => `no story ${id}: list stories with GET /api/stories` },
  noArticle: { status: 404, message: (id: string) => `no article ${id}: find articles through GET /api/stories/{id}` },
  notFound: { status: 404, message: (path: string) => `nothing at ${path}: see /openapi.json for the API` },
  writesClosed: {
    status: 403,
    message: () =>
      'writes are closed: start the server with --token T (or NEWSTRACE_TOKEN) and send "Authorization: Bearer T"',
  },
  methodNotAllowed: {
    status: 405,
    message: (method: string, path: string, allow: string) => `${path} does not take ${method}: it takes ${allow}`,
  },
  badHost: {
    status: 403,
    message: (host: string) =>
      `Host "${host}" is not a name of this server: use its address, or start it with --allow-host ${host || 'NAME'}`,
  },
  badToken: { status: 401, message: () => 'missing or wrong token: send "Authorization: Bearer <token>"' },
  tooLarge: {
    status: 413,
    message: (limit: number) => `request body over the ${limit}-byte limit: send fewer records per request`,
  },
  tooManyRequests: {
    status: 429,
    message: (seconds: number) => `too many look-ups from this client: try again in ${seconds} s`,
  },
  unreadable: { status: 422, message: (reason: string) => `the text could not be read: ${reason}` },
  unsupportedType: {
    status: 415,
    message: (type: string, accepted = 'application/json, application/x-ndjson, or text/html with ?url=') =>
      `cannot read content type "${type}": send ${accepted}`,
  },
} as const;

export type ApiErrorCode = keyof typeof API_ERRORS;

export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string };
}

export function apiError<C extends ApiErrorCode>(
  code: C,
  ...args: Parameters<(typeof API_ERRORS)[C]['message']>
): { status: (typeof API_ERRORS)[C]['status']; body: ApiErrorBody } {
  const e = API_ERRORS[code];
  const message = (e.message as (...a: unknown[]) => string)(...args);
  return { status: e.status, body: { error: { code, message } } };
}
