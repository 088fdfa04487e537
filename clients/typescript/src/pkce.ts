/**
 * For apps that act for residents (OAuth 2.1 authorization code with PKCE, RFC 7636 S256): make the
 * verifier and its challenge, build the authorization URL that opens the cabinet's login and consent
 * pages, read the redirect the app gets back (checking `state`), and exchange the code for tokens.
 * Uses WebCrypto only, so it runs in browsers, React Native with a WebCrypto polyfill, and Node 20+.
 */
import { EbillError, type Problem } from "./errors.js";
import type { components, TokenResponse } from "./schema.js";
import type { Tokens } from "./tokens.js";

export type Scope = components["schemas"]["Scope"];

/** A PKCE pair: keep `verifier` secret until the exchange; send `challenge` in the authorization URL. */
export interface Pkce {
  verifier: string;
  challenge: string;
  method: "S256";
}

function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** A random URL-safe string of `bytes` random bytes (a `state`, a verifier). */
export function randomString(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** The S256 challenge of a verifier: BASE64URL(SHA-256(verifier)). */
export async function challengeOf(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** A fresh verifier (43 characters from 32 random bytes) and its S256 challenge. */
export async function createPkce(): Promise<Pkce> {
  const verifier = randomString(32);
  return { verifier, challenge: await challengeOf(verifier), method: "S256" };
}

export interface AuthorizeUrlOptions {
  /** The server, e.g. `https://ebill.example`. */
  baseUrl: string;
  clientId: string;
  /** One of the app's registered redirect URIs (a loopback one may use any port). */
  redirectUri: string;
  scope: readonly Scope[];
  /** Sent back unchanged: check it with {@link readRedirect}. */
  state: string;
  /** {@link Pkce.challenge}. */
  codeChallenge: string;
}

/** The URL to open in the browser: the cabinet's login if needed, then the consent page. */
export function authorizeUrl(o: AuthorizeUrlOptions): string {
  const url = new URL("/v1/oauth/authorize", o.baseUrl);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: o.clientId,
    redirect_uri: o.redirectUri,
    scope: o.scope.join(" "),
    state: o.state,
    code_challenge: o.codeChallenge,
    code_challenge_method: "S256",
  }).toString();
  return url.toString();
}

/**
 * The code of the redirect the app received, after checking that its `state` is the one sent. An error
 * redirect (`access_denied` when the resident declined, or the request's fault) throws an
 * {@link EbillError} with the OAuth error as its code.
 */
export function readRedirect(redirectedTo: string, expectedState: string): string {
  const query = new URL(redirectedTo).searchParams;
  if (query.get("state") !== expectedState) {
    throw new EbillError({
      type: "about:blank",
      title: "State mismatch",
      status: 400,
      code: "http_400",
      detail: "the redirect's state is not the one sent: ignore it",
      request_id: null,
    });
  }
  const error = query.get("error");
  if (error !== null) {
    const detail = query.get("error_description") ?? error;
    throw new EbillError({ type: "about:blank", title: "Authorization refused", status: 400, code: error as Problem["code"], detail, error, request_id: null });
  }
  const code = query.get("code");
  if (code === null) {
    throw new EbillError({
      type: "about:blank",
      title: "No code",
      status: 400,
      code: "http_400",
      detail: "the redirect carries neither a code nor an error",
      request_id: null,
    });
  }
  return code;
}

export interface ExchangeCodeOptions {
  baseUrl: string;
  clientId: string;
  /** Confidential (server-side) apps only. */
  clientSecret?: string | undefined;
  /** Exactly the `redirectUri` of the authorization URL. */
  redirectUri: string;
  code: string;
  /** {@link Pkce.verifier}. */
  codeVerifier: string;
  fetch?: ((input: Request) => Promise<Response>) | undefined;
}

/** Exchanges the code (single use, 60 s) for an access token, a refresh token and the granted scope. */
export async function exchangeCode(o: ExchangeCodeOptions): Promise<TokenResponse> {
  const form = new URLSearchParams({
    grant_type: "authorization_code",
    code: o.code,
    redirect_uri: o.redirectUri,
    client_id: o.clientId,
    code_verifier: o.codeVerifier,
  });
  if (o.clientSecret !== undefined) form.set("client_secret", o.clientSecret);
  const request = new Request(new URL("/v1/oauth/token", o.baseUrl), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: form.toString(),
  });
  const response = await (o.fetch ?? globalThis.fetch)(request);
  if (!response.ok) throw await EbillError.fromResponse(response);
  return (await response.json()) as TokenResponse;
}

/** The tokens of an exchange, for `createEbillClient({ tokens })`: refreshed with the app's `client_id`. */
export function appTokens(answer: TokenResponse, clientId: string): Tokens {
  return {
    accessToken: answer.access_token,
    refreshToken: answer.refresh_token ?? undefined,
    expiresAt: Date.now() + answer.expires_in * 1000,
    clientId,
  };
}
