// The hand-written layer against a fake fetch (no server), and its two lists checked against the spec.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { createEbillClient, EbillError, PUBLIC_OPERATIONS, retryAfterMs, takesIdempotencyKey } from "../src/index.js";

type Handler = (req: Request, body: string) => Response | Promise<Response>;

/** A fetch that records every request it gets and answers with `handler`. */
function fakeFetch(handler: Handler) {
  const seen: { method: string; url: URL; headers: Headers; body: string }[] = [];
  const fetch = async (req: Request) => {
    const body = await req.text();
    seen.push({ method: req.method, url: new URL(req.url), headers: new Headers(req.headers), body });
    return handler(req, body);
  };
  return { fetch, seen };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

const problem = (status: number, code: string, extra: object = {}, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ type: `/problems/${code}`, title: code, status, detail: code, code, request_id: "r1", ...extra }), {
    status,
    headers: { "content-type": "application/problem+json", ...headers },
  });

test("the public operations and the idempotent ones are those of the spec", () => {
  const spec = JSON.parse(readFileSync(new URL("../../../../openapi/openapi.json", import.meta.url), "utf8")) as {
    paths: Record<string, Record<string, { security?: unknown[]; parameters?: { name: string; in: string }[] }>>;
  };
  const pub = new Set<string>();
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!["get", "post", "put", "patch", "delete"].includes(method)) continue;
      const name = `${method.toUpperCase()} ${path}`;
      if (!op.security || op.security.length === 0) pub.add(name);
      const takesKey = (op.parameters ?? []).some((p) => p.in === "header" && p.name === "Idempotency-Key");
      assert.equal(takesIdempotencyKey(method, path), takesKey, name);
    }
  }
  assert.deepEqual([...PUBLIC_OPERATIONS].sort(), [...pub].sort());
});

test("tokens: lazy client_credentials login, bearer on private operations only, re-login on 401", async () => {
  let issued = 0;
  const { fetch, seen } = fakeFetch((req, body) => {
    const url = new URL(req.url);
    if (url.pathname === "/v1/oauth/token") {
      assert.deepEqual(JSON.parse(body), { grant_type: "client_credentials", client_id: "cli", client_secret: "sk" });
      issued += 1;
      return json(200, { access_token: `at${issued}`, token_type: "Bearer", expires_in: 600 });
    }
    if (url.pathname === "/v1/providers/me") {
      return req.headers.get("authorization") === "Bearer at2" ? json(200, { id: "prv_1" }) : problem(401, "unauthorized");
    }
    return json(200, { data: [], next_cursor: null });
  });
  const c = createEbillClient({
    baseUrl: "http://ebill.test",
    fetch,
    auth: { grant_type: "client_credentials", client_id: "cli", client_secret: "sk" },
  });
  await c.unwrap(c.POST("/v1/payee-checks", { body: { inn: "1", bik: "2", account: "3" } }));
  assert.equal(issued, 0, "a public operation needs no login");
  assert.equal(seen[0]!.headers.get("authorization"), null);

  const me = await c.unwrap(c.GET("/v1/providers/me"));
  assert.equal((me as { id: string }).id, "prv_1");
  assert.equal(issued, 2, "logged in, rejected, logged in again");
  const calls = seen.filter((s) => s.url.pathname === "/v1/providers/me").map((s) => s.headers.get("authorization"));
  assert.deepEqual(calls, ["Bearer at1", "Bearer at2"]);
});

test("concurrent requests share one refresh", async () => {
  let refreshes = 0;
  const { fetch } = fakeFetch(async (req, body) => {
    if (new URL(req.url).pathname === "/v1/oauth/token") {
      assert.equal(JSON.parse(body).grant_type, "refresh_token");
      refreshes += 1;
      await new Promise((r) => setTimeout(r, 20));
      return json(200, { access_token: "new", refresh_token: `rt${refreshes}`, token_type: "Bearer", expires_in: 600 });
    }
    return json(200, { id: "res_1" });
  });
  const c = createEbillClient({
    baseUrl: "http://ebill.test",
    fetch,
    tokens: { accessToken: "old", refreshToken: "rt0", expiresAt: Date.now() - 1000 },
  });
  await Promise.all([c.GET("/v1/me"), c.GET("/v1/me"), c.GET("/v1/me")]);
  assert.equal(refreshes, 1);
  assert.equal(c.getTokens()?.refreshToken, "rt1");
});

test("a 503 is retried with the same body and Idempotency-Key", async () => {
  let n = 0;
  const { fetch, seen } = fakeFetch(() => (++n < 3 ? problem(503, "unavailable") : json(202, { id: "run_1" })));
  const c = createEbillClient({ baseUrl: "http://ebill.test", fetch, tokens: { accessToken: "t" } });
  const run = await c.unwrap(c.POST("/v1/billing-runs", { body: { period: "2021-08" } }));
  assert.equal(run.id, "run_1");
  assert.equal(seen.length, 3);
  const keys = new Set(seen.map((s) => s.headers.get("idempotency-key")));
  assert.equal(keys.size, 1);
  assert.ok([...keys][0]);
  assert.ok(seen.every((s) => s.body === '{"period":"2021-08"}'));
});

test("a 429 waits what Retry-After asks (seconds or an HTTP date) and retries with the same key", async () => {
  const answers = [
    () => problem(429, "rate_limited", {}, { "retry-after": "1" }),
    () => problem(429, "rate_limited", {}, { "retry-after": new Date(Date.now() - 5_000).toUTCString() }),
    () => problem(409, "idempotency_in_flight", {}, { "retry-after": "0" }),
    () => json(202, { id: "run_1" }),
  ];
  const times: number[] = [];
  const { fetch, seen } = fakeFetch(() => {
    times.push(Date.now());
    return answers.shift()!();
  });
  const c = createEbillClient({ baseUrl: "http://ebill.test", fetch, tokens: { accessToken: "t" } });
  const run = await c.unwrap(c.POST("/v1/billing-runs", { body: { period: "2021-08" } }));
  assert.equal(run.id, "run_1");
  assert.equal(seen.length, 4);
  assert.equal(new Set(seen.map((s) => s.headers.get("idempotency-key"))).size, 1);
  assert.ok(seen.every((s) => s.body === '{"period":"2021-08"}'));
  assert.ok(times[1]! - times[0]! >= 990, `waited ${times[1]! - times[0]!} ms for Retry-After: 1`);
  assert.ok(times[2]! - times[1]! < 500, "a date in the past means now");
});

test("retries are bounded, and a Retry-After longer than maxRetryDelayMs is not waited for", async () => {
  let n = 0;
  const { fetch } = fakeFetch(() => (++n, problem(429, "rate_limited", {}, { "retry-after": "0" })));
  const c = createEbillClient({ baseUrl: "http://ebill.test", fetch, tokens: { accessToken: "t" }, retries: 2 });
  await assert.rejects(c.unwrap(c.GET("/v1/me")), (e: unknown) => e instanceof EbillError && e.status === 429 && e.retryAfter === 0);
  assert.equal(n, 3, "the first attempt and 2 retries");

  n = 0;
  const slow = fakeFetch(() => (++n, problem(503, "unavailable", {}, { "retry-after": "120" })));
  const d = createEbillClient({ baseUrl: "http://ebill.test", fetch: slow.fetch, tokens: { accessToken: "t" } });
  const started = Date.now();
  await assert.rejects(d.unwrap(d.GET("/v1/me")), (e: unknown) => e instanceof EbillError && e.status === 503 && e.retryAfter === 120);
  assert.equal(n, 1);
  assert.ok(Date.now() - started < 1000);

  // Other conflicts are answers, not reasons to retry.
  n = 0;
  const conflict = fakeFetch(() => (++n, problem(409, "period_closed")));
  const e = createEbillClient({ baseUrl: "http://ebill.test", fetch: conflict.fetch, tokens: { accessToken: "t" } });
  await assert.rejects(e.unwrap(e.POST("/v1/billing-runs", { body: { period: "2021-08" } })), (x: unknown) => x instanceof EbillError && x.code === "period_closed");
  assert.equal(n, 1);
});

test("retryAfterMs reads delay-seconds and HTTP dates", () => {
  const now = Date.parse("2026-12-01T10:00:00Z");
  assert.equal(retryAfterMs("7", now), 7000);
  assert.equal(retryAfterMs(" 0 ", now), 0);
  assert.equal(retryAfterMs("Tue, 01 Dec 2026 10:00:30 GMT", now), 30_000);
  assert.equal(retryAfterMs("Tue, 01 Dec 2026 09:00:00 GMT", now), 0);
  assert.equal(retryAfterMs("-3", now), undefined);
  assert.equal(retryAfterMs("soon", now), undefined);
  assert.equal(retryAfterMs(null, now), undefined);
});

test("a given Idempotency-Key is kept; GET gets none", async () => {
  const { fetch, seen } = fakeFetch(() => json(200, {}));
  const c = createEbillClient({ baseUrl: "http://ebill.test", fetch, tokens: { accessToken: "t" } });
  await c.POST("/v1/billing-runs", { params: { header: { "Idempotency-Key": "mine" } }, body: { period: "2021-08" } });
  await c.GET("/v1/me");
  assert.equal(seen[0]!.headers.get("idempotency-key"), "mine");
  assert.equal(seen[1]!.headers.get("idempotency-key"), null);
});

test("paginate follows next_cursor and keeps the other parameters", async () => {
  const pages: Record<string, { data: { id: string }[]; next_cursor: string | null }> = {
    "": { data: [{ id: "a" }, { id: "b" }], next_cursor: "c1" },
    c1: { data: [{ id: "c" }], next_cursor: "c2" },
    c2: { data: [], next_cursor: null },
  };
  const { fetch, seen } = fakeFetch((req) => json(200, pages[new URL(req.url).searchParams.get("cursor") ?? ""]));
  const c = createEbillClient({ baseUrl: "http://ebill.test", fetch, tokens: { accessToken: "t" } });
  const ids: string[] = [];
  for await (const d of c.paginate("/v1/me/documents", { query: { limit: 2, period: "2021-08" } })) ids.push(d.id);
  assert.deepEqual(ids, ["a", "b", "c"]);
  assert.deepEqual(
    seen.map((s) => s.url.search),
    ["?limit=2&period=2021-08", "?limit=2&period=2021-08&cursor=c1", "?limit=2&period=2021-08&cursor=c2"],
  );
});

test("errors: problem documents and other answers become EbillError", async () => {
  const { fetch } = fakeFetch((req) =>
    new URL(req.url).pathname === "/v1/me"
      ? problem(422, "validation_failed", { errors: [{ field: "phone", message: "not a mobile number" }] })
      : new Response("<html>bad gateway</html>", { status: 502, headers: { "x-request-id": "px" } }),
  );
  const c = createEbillClient({ baseUrl: "http://ebill.test", fetch, tokens: { accessToken: "t" }, retries: 0 });
  await assert.rejects(c.unwrap(c.PATCH("/v1/me", { body: { name: "x" } })), (e: unknown) => {
    assert.ok(e instanceof EbillError);
    assert.equal(e.code, "validation_failed");
    assert.deepEqual(e.errors, [{ field: "phone", message: "not a mobile number" }]);
    assert.equal(e.requestId, "r1");
    return true;
  });
  await assert.rejects(c.unwrap(c.GET("/v1/providers/me")), (e: unknown) => {
    assert.ok(e instanceof EbillError);
    assert.equal(e.status, 502);
    assert.equal(e.code, "http_502");
    assert.equal(e.requestId, "px");
    assert.match(e.detail, /bad gateway/);
    return true;
  });
});
