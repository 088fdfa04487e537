import { EbillError } from "./errors.js";
import type { TokenRequest, TokenResponse } from "./schema.js";

/** How the client gets a token on its own: a login (residents, operators) or a provider's client. */
export type Credentials =
  | { grant_type: "password"; username: string; password: string }
  | { grant_type: "client_credentials"; client_id: string; client_secret: string };

/** The tokens a client holds. */
export interface Tokens {
  accessToken: string;
  /** Single use: every refresh returns a new one (password logins only). */
  refreshToken?: string | null | undefined;
  /** When the access token expires (milliseconds since the epoch); unknown = used until a 401. */
  expiresAt?: number | undefined;
  /** An app's `client_id`: its refresh token is renewed only with it (see `exchangeCode`). */
  clientId?: string | undefined;
}

export type GrantFn = (request: TokenRequest) => Promise<TokenResponse>;

export interface TokenManagerOptions {
  credentials?: Credentials | undefined;
  tokens?: Tokens | undefined;
  /** Called whenever the tokens change (to persist them), with `undefined` after a logout. */
  onTokens?: ((tokens: Tokens | undefined) => void) | undefined;
  /** Renew this long before the access token expires (default 30 s). */
  leewayMs?: number | undefined;
}

/**
 * Holds a client's tokens and renews them: with the refresh token when there is one (rotating it), else
 * with the credentials again (a provider's `client_credentials` token has no refresh token). One renewal
 * at a time: concurrent requests wait for the same one.
 */
export class TokenManager {
  #grant: GrantFn;
  #credentials: Credentials | undefined;
  #tokens: Tokens | undefined;
  #onTokens: ((tokens: Tokens | undefined) => void) | undefined;
  #leewayMs: number;
  #renewing: Promise<string> | undefined;

  constructor(grant: GrantFn, options: TokenManagerOptions = {}) {
    this.#grant = grant;
    this.#credentials = options.credentials;
    this.#tokens = options.tokens;
    this.#onTokens = options.onTokens;
    this.#leewayMs = options.leewayMs ?? 30_000;
  }

  /** Whether the client can authenticate at all (has a token or credentials). */
  get configured(): boolean {
    return this.#tokens !== undefined || this.#credentials !== undefined;
  }

  get tokens(): Tokens | undefined {
    return this.#tokens === undefined ? undefined : { ...this.#tokens };
  }

  /** Replaces the tokens (and, when given, the credentials). */
  set(tokens: Tokens | undefined, credentials?: Credentials): void {
    this.#tokens = tokens === undefined ? undefined : { ...tokens };
    if (credentials !== undefined) this.#credentials = credentials;
    this.#onTokens?.(this.tokens);
  }

  /** Forgets tokens and credentials; returns the refresh token that was held, if any. */
  clear(): string | undefined {
    const refresh = this.#tokens?.refreshToken ?? undefined;
    this.#tokens = undefined;
    this.#credentials = undefined;
    this.#onTokens?.(undefined);
    return refresh;
  }

  /** Asks for tokens with these credentials now, and keeps both. */
  async login(credentials: Credentials): Promise<TokenResponse> {
    const answer = await this.#grant(credentials);
    this.#credentials = credentials;
    this.#store(answer);
    return answer;
  }

  /**
   * A usable access token: the current one, or a renewed one when it expires within the leeway.
   * `undefined` when the client has neither tokens nor credentials.
   */
  async accessToken(): Promise<string | undefined> {
    const t = this.#tokens;
    if (t !== undefined && (t.expiresAt === undefined || t.expiresAt - this.#leewayMs > Date.now())) {
      return t.accessToken;
    }
    if (t === undefined && this.#credentials === undefined) return undefined;
    if (t !== undefined && !t.refreshToken && this.#credentials === undefined) {
      return t.accessToken; // nothing to renew it with: let the server decide
    }
    return this.#renew();
  }

  /**
   * A fresh token after the server rejected `rejected` (401). `undefined` when nothing can be renewed.
   * When another request already replaced the rejected token, that newer token is returned.
   */
  async renewAfterRejection(rejected: string): Promise<string | undefined> {
    const t = this.#tokens;
    if (t !== undefined && t.accessToken !== rejected) return t.accessToken;
    if (!t?.refreshToken && this.#credentials === undefined) return undefined;
    return this.#renew();
  }

  #renew(): Promise<string> {
    this.#renewing ??= this.#doRenew().finally(() => {
      this.#renewing = undefined;
    });
    return this.#renewing;
  }

  async #doRenew(): Promise<string> {
    const refresh = this.#tokens?.refreshToken;
    if (refresh) {
      try {
        const clientId = this.#tokens?.clientId;
        const request: TokenRequest = { grant_type: "refresh_token", refresh_token: refresh };
        if (clientId !== undefined) request.client_id = clientId;
        return this.#store(await this.#grant(request));
      } catch (e) {
        // A used, revoked or expired refresh token: log in again when we can.
        if (!(e instanceof EbillError && e.status < 500) || this.#credentials === undefined) throw e;
      }
    }
    if (this.#credentials === undefined) {
      throw new Error("ebill: no refresh token and no credentials to get an access token with");
    }
    return this.#store(await this.#grant(this.#credentials));
  }

  #store(answer: TokenResponse): string {
    this.#tokens = {
      accessToken: answer.access_token,
      refreshToken: answer.refresh_token ?? undefined,
      expiresAt: Date.now() + answer.expires_in * 1000,
      clientId: this.#tokens?.clientId,
    };
    this.#onTokens?.(this.tokens);
    return answer.access_token;
  }
}
