/**
 * Verifying the webhooks ebill sends to a provider's `webhook_url`: a JSON POST with
 * `Webhook-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`, one `v1` per
 * active secret (two for 24 hours after a rotation). Uses WebCrypto only (Node 20+, Deno, Bun, workers);
 * the signatures are compared by `crypto.subtle.verify`, in constant time.
 */

/** An event as ebill sends it. `type` is e.g. `account.delivery_changed`, `document.delivered`, `ping`. */
export interface WebhookEvent<D = Record<string, unknown>> {
  /** `evt_…`, also sent as the `Webhook-Id` header: the same event may arrive more than once, dedupe on it. */
  id: string;
  type: string;
  /** RFC 3339. */
  created_at: string;
  data: D;
}

/** Why a webhook was refused. */
export type WebhookSignatureReason =
  | "no_header"
  | "no_timestamp"
  | "too_old"
  | "too_new"
  | "no_signature"
  | "no_matching_signature"
  | "not_an_event";

/** A webhook that must not be trusted; `reason` says why. Answer it with a 400 and do not act on it. */
export class WebhookSignatureError extends Error {
  override readonly name = "WebhookSignatureError";
  readonly reason: WebhookSignatureReason;

  constructor(reason: WebhookSignatureReason, message: string) {
    super(message);
    this.reason = reason;
  }
}

/** The default tolerance: a signature older (or further in the future) than this is refused. */
export const DEFAULT_WEBHOOK_TOLERANCE_SECONDS = 300;

/**
 * Checks a webhook and returns its event.
 *
 * - `payload`: the raw body exactly as received (bytes or the string decoded as UTF-8), never a
 *   re-serialised object;
 * - `header`: the `Webhook-Signature` header;
 * - `secrets`: the provider's `webhook_secret` (from the registration or the latest rotation); during a
 *   rotation pass both, new and previous: any one matching is enough;
 * - `tolerance`: the most seconds between the signature's `t` and `now` (default 300), either way;
 * - `now`: the current time (a `Date` or milliseconds since the epoch), for tests.
 *
 * Throws {@link WebhookSignatureError} when the header has no timestamp, the timestamp is outside the
 * tolerance, no `v1` signature matches any secret, or the verified body is not an event.
 */
export async function verifyWebhook<D = Record<string, unknown>>(
  payload: string | Uint8Array,
  header: string | readonly string[] | null | undefined,
  secrets: string | readonly string[],
  tolerance: number = DEFAULT_WEBHOOK_TOLERANCE_SECONDS,
  now: Date | number = Date.now(),
): Promise<WebhookEvent<D>> {
  const value = Array.isArray(header) ? header.join(",") : (header as string | null | undefined);
  if (!value) throw new WebhookSignatureError("no_header", "no Webhook-Signature header");

  let timestamp: number | undefined;
  const signatures: Uint8Array[] = [];
  for (const part of value.split(",")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    if (key === "t" && timestamp === undefined && /^\d{1,12}$/.test(v)) timestamp = Number(v);
    else if (key === "v1") {
      const bytes = fromHex(v);
      if (bytes !== undefined) signatures.push(bytes);
    }
  }
  if (timestamp === undefined) throw new WebhookSignatureError("no_timestamp", "the Webhook-Signature header has no t=<unix seconds>");
  const nowSeconds = Math.floor((typeof now === "number" ? now : now.getTime()) / 1000);
  if (nowSeconds - timestamp > tolerance) {
    throw new WebhookSignatureError("too_old", `signed ${nowSeconds - timestamp} s ago, more than the tolerance of ${tolerance} s`);
  }
  if (timestamp - nowSeconds > tolerance) {
    throw new WebhookSignatureError("too_new", `signed ${timestamp - nowSeconds} s in the future, more than the tolerance of ${tolerance} s`);
  }
  if (signatures.length === 0) throw new WebhookSignatureError("no_signature", "the Webhook-Signature header has no v1=<hex> signature");

  const encoder = new TextEncoder();
  const body = typeof payload === "string" ? encoder.encode(payload) : payload;
  const signed = concat(encoder.encode(`${timestamp}.`), body);
  const keys = (typeof secrets === "string" ? [secrets] : secrets).filter((s) => s.length > 0);
  if (keys.length === 0) throw new TypeError("verifyWebhook: no secret given");
  let matched = false;
  for (const secret of keys) {
    const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
    for (const signature of signatures) {
      // Every pair is checked (no early exit), so the time taken says nothing about which one matched.
      if (await crypto.subtle.verify("HMAC", key, signature, signed)) matched = true;
    }
  }
  if (!matched) throw new WebhookSignatureError("no_matching_signature", "no v1 signature matches the secret(s): wrong secret or altered body");

  let event: unknown;
  try {
    event = JSON.parse(new TextDecoder().decode(body));
  } catch {
    throw new WebhookSignatureError("not_an_event", "the signed body is not JSON");
  }
  if (!isEvent(event)) throw new WebhookSignatureError("not_an_event", "the signed body is not an event ({ id, type, created_at, data })");
  return event as WebhookEvent<D>;
}

function isEvent(v: unknown): v is WebhookEvent<unknown> {
  if (typeof v !== "object" || v === null) return false;
  const e = v as Record<string, unknown>;
  return (
    typeof e.id === "string" &&
    typeof e.type === "string" &&
    typeof e.created_at === "string" &&
    typeof e.data === "object" &&
    e.data !== null &&
    !Array.isArray(e.data)
  );
}

function fromHex(hex: string): Uint8Array | undefined {
  if (hex.length !== 64 || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
