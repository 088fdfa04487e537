import type { FieldError, ProblemBody } from "./schema.js";

/** A problem document; `code` is one of the spec's codes, or `http_<status>` for an answer that was not one. */
export type Problem = Omit<ProblemBody, "code"> & { code: ProblemBody["code"] | `http_${number}` };

/**
 * An error answer of the API, from its RFC 9457 `application/problem+json` body.
 *
 * `code` is the stable machine-readable code (`validation_failed`, `wrong_code`, `invalid_grant`, …),
 * `errors` lists the failing fields of a validation error, `attemptsLeft` comes with a wrong SMS code,
 * `requestId` is what to quote to support. An answer that is not a problem document (a proxy's HTML
 * page, say) still becomes an EbillError, with `code` `http_<status>`.
 */
export class EbillError extends Error {
  override readonly name = "EbillError";
  /** The HTTP status. */
  readonly status: number;
  /** The stable code: `/problems/{code}` is the `type`. */
  readonly code: Problem["code"];
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  readonly requestId: string | null;
  /** The failing fields of a validation error (empty otherwise). */
  readonly errors: FieldError[];
  /** Remaining tries of an SMS code (verification errors only). */
  readonly attemptsLeft: number | null;
  /** The OAuth 2 error code (token endpoint only). */
  readonly oauthError: string | null;
  /** Seconds from `Retry-After` (429 and 503 answers; an HTTP date counted from now), when present. */
  readonly retryAfter: number | null;
  /** The problem document as received (synthesised when the body was not one). */
  readonly problem: Problem;
  /** The HTTP answer (its body has been read). */
  readonly response: Response | undefined;

  constructor(problem: Problem, response?: Response) {
    super(`${problem.status} ${problem.code}: ${problem.detail || problem.title}`);
    this.problem = problem;
    this.response = response;
    this.status = problem.status;
    this.code = problem.code;
    this.type = problem.type;
    this.title = problem.title;
    this.detail = problem.detail;
    this.requestId = problem.request_id ?? response?.headers.get("x-request-id") ?? null;
    this.errors = problem.errors ?? [];
    this.attemptsLeft = problem.attempts_left ?? null;
    this.oauthError = problem.error ?? null;
    const retryAfter = retryAfterMs(response?.headers.get("retry-after") ?? null);
    this.retryAfter = retryAfter === undefined ? null : Math.ceil(retryAfter / 1000);
  }

  /**
   * Builds the error from what openapi-fetch returned as `error` (the parsed JSON body, the raw text, or
   * `undefined` for an empty body) and the answer.
   */
  static from(body: unknown, response: Response): EbillError {
    if (isProblem(body)) return new EbillError(body, response);
    const status = response.status;
    const text = typeof body === "string" ? body.trim().slice(0, 500) : "";
    return new EbillError(
      {
        type: `/problems/http_${status}`,
        title: response.statusText || `HTTP ${status}`,
        status,
        detail: text || response.statusText || `HTTP ${status}`,
        code: `http_${status}`,
        request_id: response.headers.get("x-request-id"),
      },
      response,
    );
  }

  /** Reads an answer's body and builds the error (for answers obtained outside openapi-fetch). */
  static async fromResponse(response: Response): Promise<EbillError> {
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return EbillError.from(body, response);
  }
}

/** Whether `e` is an {@link EbillError}, optionally with the given `code`. */
export function isEbillError(e: unknown, code?: string): e is EbillError {
  return e instanceof EbillError && (code === undefined || e.code === code);
}

function isProblem(body: unknown): body is Problem {
  if (typeof body !== "object" || body === null) return false;
  const b = body as Record<string, unknown>;
  return typeof b.code === "string" && typeof b.status === "number" && typeof b.type === "string";
}

/**
 * The wait a `Retry-After` header asks for, in milliseconds: delay-seconds or an HTTP date (RFC 9110
 * §10.2.3). `undefined` when there is none or it does not parse.
 */
export function retryAfterMs(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  if (Number.isNaN(at) || !/[a-z]/i.test(v)) return undefined;
  return Math.max(0, at - now);
}
