/**
 * The ebill client: openapi-fetch over the types generated from openapi/openapi.json (./schema.ts),
 * plus a thin layer for what every caller would otherwise rewrite: bearer tokens that renew
 * themselves, an Idempotency-Key on every state-changing request (kept across retries), a cursor
 * pagination iterator, and errors as a typed {@link EbillError}.
 */
import createClient, { type Client, type ClientOptions, type Middleware } from "openapi-fetch";

import { EbillError, retryAfterMs } from "./errors.js";
import type { paths, TokenResponse } from "./schema.js";
import { TokenManager, type Credentials, type Tokens } from "./tokens.js";

export type * from "./schema.js";
export { EbillError, isEbillError, retryAfterMs, type Problem } from "./errors.js";
export {
  DEFAULT_WEBHOOK_TOLERANCE_SECONDS,
  verifyWebhook,
  WebhookSignatureError,
  type WebhookEvent,
  type WebhookSignatureReason,
} from "./webhooks.js";
export { TokenManager, type Credentials, type Tokens } from "./tokens.js";
export {
  appTokens,
  authorizeUrl,
  challengeOf,
  createPkce,
  exchangeCode,
  randomString,
  readRedirect,
  type AuthorizeUrlOptions,
  type ExchangeCodeOptions,
  type Pkce,
  type Scope,
} from "./pkce.js";

/** Operations that take no bearer token (the spec gives them no `security`). */
export const PUBLIC_OPERATIONS: ReadonlySet<string> = new Set([
  "GET /.well-known/jwks.json",
  "GET /.well-known/oauth-authorization-server",
  "GET /healthz",
  "GET /metrics",
  "GET /readyz",
  "GET /v1/document-checks/{verification_code}",
  "GET /v1/oauth/authorize",
  "POST /v1/hooks/mail-bounces",
  "POST /v1/oauth/revoke",
  "POST /v1/oauth/token",
  "POST /v1/payee-checks",
  "POST /v1/providers",
  "POST /v1/residents",
  "POST /v1/residents/email-confirmations",
  "POST /v1/residents/password-resets",
  "POST /v1/residents/password-resets/confirm",
]);

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Whether the operation takes an `Idempotency-Key`: every POST/PUT/PATCH/DELETE but the OAuth ones. */
export function takesIdempotencyKey(method: string, schemaPath: string): boolean {
  return MUTATING.has(method.toUpperCase()) && !schemaPath.startsWith("/v1/oauth/");
}

export interface EbillClientOptions extends Omit<ClientOptions, "baseUrl" | "fetch"> {
  /** The server, e.g. `https://ebill.example` (the paths start with `/v1/…`). */
  baseUrl: string;
  /** Log in with these when a token is first needed, and again when renewing fails. */
  auth?: Credentials | undefined;
  /** Tokens from an earlier session. */
  tokens?: Tokens | undefined;
  /** Called whenever the tokens change (to persist them), with `undefined` after a logout. */
  onTokens?: ((tokens: Tokens | undefined) => void) | undefined;
  /** Add an `Idempotency-Key` (a random UUID) to POST/PUT/PATCH/DELETE requests without one. Default true. */
  idempotencyKeys?: boolean | undefined;
  /**
   * Retries of a request that failed on the network, or was answered 429 (rate limited), 503 (busy) or
   * 409 `idempotency_in_flight` (the same key still running): same body, same Idempotency-Key, so the
   * server applies it at most once. Default 3; 0 turns retries off.
   */
  retries?: number | undefined;
  /**
   * The longest wait before a retry (default 30 s). An answer whose `Retry-After` asks for longer is
   * returned as it is (an {@link EbillError} with `retryAfter` from `unwrap`).
   */
  maxRetryDelayMs?: number | undefined;
  /** The fetch to send requests with (default `globalThis.fetch`). */
  fetch?: ((input: Request) => Promise<Response>) | undefined;
}

/** Query and path parameters of a list's GET, without `cursor` (the iterator sets it). */
export type PageParams<P extends PaginatedPath> = {
  query?: Omit<NonNullable<QueryOf<GetOperation<P>>>, "cursor">;
} & PathParamsOf<GetOperation<P>>;

/** The GET paths answering a page: `{ data: [...], next_cursor }`. */
export type PaginatedPath = {
  [P in keyof paths]: JsonOk<GetOperation<P>> extends { data: unknown[]; next_cursor?: string | null } ? P : never;
}[keyof paths];

/** The item type of a list. */
export type PageItem<P extends PaginatedPath> = JsonOk<GetOperation<P>> extends { data: (infer I)[] } ? I : never;

type GetOperation<P> = P extends keyof paths ? (paths[P] extends { get: infer O } ? O : never) : never;
type JsonOk<O> = O extends { responses: { 200: { content: { "application/json": infer J } } } } ? J : never;
type QueryOf<O> = O extends { parameters: { query?: infer Q } } ? Q : never;
type PathParamsOf<O> = O extends { parameters: { path: infer X } } ? { path: X } : { path?: never };

export type EbillClient = Client<paths> & {
  /** Logs in now (password or client_credentials grant); the client keeps the tokens and credentials. */
  login(credentials: Credentials): Promise<TokenResponse>;
  /** Revokes the login's refresh token (when there is one) and forgets tokens and credentials. */
  logout(): Promise<void>;
  /** The tokens held now. */
  getTokens(): Tokens | undefined;
  /** Replaces the tokens (and the credentials, when given). */
  setTokens(tokens: Tokens | undefined, credentials?: Credentials): void;
  /**
   * Every item of a list, page after page (following `next_cursor`).
   *
   * ```ts
   * for await (const doc of ebill.paginate("/v1/me/documents", { query: { period: "2021-08" } })) { … }
   * ```
   */
  paginate<P extends PaginatedPath>(
    path: P,
    ...params: object extends PageParams<P> ? [params?: PageParams<P>] : [params: PageParams<P>]
  ): AsyncGenerator<PageItem<P>, void, undefined>;
  /** The data of an openapi-fetch result, or its error thrown as an {@link EbillError}. */
  unwrap: typeof unwrap;
};

type Result<D> =
  | { data: D; error?: never; response: Response }
  | { data?: never; error: unknown; response: Response };

/** What an openapi-fetch result holds on success (`undefined` for a 204). */
export type DataOf<R> = R extends { data: infer D; error?: never } ? ([D] extends [never] ? undefined : D) : never;

/**
 * The data of an openapi-fetch result, or its error thrown as an {@link EbillError}:
 *
 * ```ts
 * const me = await unwrap(ebill.GET("/v1/me"));
 * ```
 */
export async function unwrap<R extends { data?: unknown; error?: unknown; response: Response }>(
  result: Promise<R> | R,
): Promise<DataOf<R>> {
  const r = await result;
  if (!r.response.ok) throw EbillError.from(r.error, r.response);
  return r.data as DataOf<R>;
}

/** Creates a client. Without credentials or tokens it calls the public operations only. */
export function createEbillClient(options: EbillClientOptions): EbillClient {
  const {
    baseUrl,
    auth,
    tokens,
    onTokens,
    idempotencyKeys = true,
    retries = 3,
    maxRetryDelayMs = 30_000,
    fetch: baseFetch = globalThis.fetch,
    ...rest
  } = options;

  // The token endpoint is called without the middleware below (it needs no bearer token).
  const oauth = createClient<paths>({ ...rest, baseUrl, fetch: baseFetch });
  const manager = new TokenManager(
    async (body) => unwrap(oauth.POST("/v1/oauth/token", { body })),
    { credentials: auth, tokens, onTokens },
  );

  const client = createClient<paths>({
    ...rest,
    baseUrl,
    fetch: retryingFetch(baseFetch, manager, { retries: Math.max(0, retries), maxDelayMs: maxRetryDelayMs }),
  });
  client.use(ebillMiddleware(manager, { idempotencyKeys }));

  async function* paginate(path: string, params: { query?: object; path?: object } = {}) {
    let cursor: string | undefined;
    do {
      const query = { ...params.query, ...(cursor === undefined ? {} : { cursor }) };
      // The path is checked by the signature; openapi-fetch cannot see through the generic here.
      const r = await (client.GET as (p: string, init: object) => Promise<Result<unknown>>)(path, {
        params: { ...params, query },
      });
      if (!r.response.ok) throw EbillError.from(r.error, r.response);
      const page = r.data as { data: unknown[]; next_cursor?: string | null };
      yield* page.data;
      cursor = page.next_cursor ?? undefined;
    } while (cursor !== undefined);
  }

  return Object.assign(client, {
    login: (c: Credentials) => manager.login(c),
    async logout() {
      const refresh = manager.clear();
      if (refresh) await unwrap(oauth.POST("/v1/oauth/revoke", { body: { token: refresh } }));
    },
    getTokens: () => manager.tokens,
    setTokens: (t: Tokens | undefined, c?: Credentials) => manager.set(t, c),
    paginate: paginate as EbillClient["paginate"],
    unwrap,
  });
}

/**
 * The openapi-fetch middleware of the client: `Authorization: Bearer` on every operation that is not
 * public (when the client can authenticate), and an `Idempotency-Key` on state-changing requests that
 * have none. Exported for use with a plain openapi-fetch client.
 */
export function ebillMiddleware(manager: TokenManager, options: { idempotencyKeys?: boolean } = {}): Middleware {
  const { idempotencyKeys = true } = options;
  return {
    async onRequest({ request, schemaPath }) {
      const method = request.method.toUpperCase();
      if (idempotencyKeys && takesIdempotencyKey(method, schemaPath) && !request.headers.has("idempotency-key")) {
        request.headers.set("Idempotency-Key", globalThis.crypto.randomUUID());
      }
      if (!PUBLIC_OPERATIONS.has(`${method} ${schemaPath}`) && !request.headers.has("authorization") && manager.configured) {
        const token = await manager.accessToken();
        if (token !== undefined) request.headers.set("Authorization", `Bearer ${token}`);
      }
      return request;
    },
  };
}

/** How {@link retryingFetch} retries. */
interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  /** The longest wait; a longer `Retry-After` ends the retries. */
  maxDelayMs: number;
}

/**
 * A fetch that retries network failures and 429, 503 and 409 `idempotency_in_flight` answers (waiting
 * what `Retry-After` asks, in seconds or as an HTTP date, else an exponential backoff with jitter), and,
 * when the server rejects the client's bearer token with a 401, renews it once and tries again. The
 * Request is cloned before each attempt, so the body and the Idempotency-Key are sent unchanged.
 */
function retryingFetch(
  baseFetch: (input: Request) => Promise<Response>,
  manager: TokenManager | undefined,
  policy: RetryPolicy,
): (input: Request) => Promise<Response> {
  const { retries, maxDelayMs } = policy;
  return async (input: Request) => {
    const request = input;
    let renewed = false;
    for (let attempt = 0; ; ) {
      let response: Response;
      try {
        response = await baseFetch(request.clone());
      } catch (e) {
        if (attempt >= retries || request.signal.aborted) throw e;
        await sleep(Math.min(backoffMs(attempt++), maxDelayMs));
        continue;
      }
      if (response.status === 401 && !renewed && manager !== undefined) {
        const sent = /^Bearer (.+)$/.exec(request.headers.get("authorization") ?? "")?.[1];
        let fresh: string | undefined;
        if (sent !== undefined) {
          try {
            fresh = await manager.renewAfterRejection(sent);
          } catch (e) {
            if (!(e instanceof EbillError)) throw e;
            // The renewal was refused: answer with the original 401.
          }
        }
        if (fresh !== undefined && fresh !== sent) {
          renewed = true;
          await response.body?.cancel();
          request.headers.set("Authorization", `Bearer ${fresh}`);
          continue;
        }
      }
      if (attempt < retries && !request.signal.aborted && (await retryAnswer(response))) {
        const asked = retryAfterMs(response.headers.get("retry-after"));
        const wait = asked ?? Math.min(backoffMs(attempt), maxDelayMs);
        if (wait <= maxDelayMs) {
          attempt++;
          await response.body?.cancel();
          await sleep(wait);
          continue;
        }
      }
      return response;
    }
  };
}

/** Whether the answer says: the same request again later (rate limited, busy, the same key still running). */
async function retryAnswer(response: Response): Promise<boolean> {
  if (response.status === 429 || response.status === 503) return true;
  if (response.status !== 409) return false;
  const text = await response.clone().text();
  return text.includes('"idempotency_in_flight"');
}

function backoffMs(attempt: number): number {
  return 200 * 2 ** attempt + Math.floor(Math.random() * 100);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
