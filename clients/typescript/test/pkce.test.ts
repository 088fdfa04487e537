// The PKCE helper against a live server: an operator registers an app, the app builds the authorization
// URL, a resident signs in and allows on the consent page (driven over plain HTTP here, with the cookies
// a browser would keep), and the app reads the redirect, exchanges the code and calls with its scopes.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { appTokens, authorizeUrl, challengeOf, createEbillClient, createPkce, exchangeCode, isEbillError, randomString, readRedirect } from "../src/index.js";
import { startServer, type Server } from "./support/server.js";

let server: Server;

before(async () => {
  server = await startServer();
});

after(async () => {
  await server?.stop();
});

test("the S256 challenge of RFC 7636 appendix B", async () => {
  assert.equal(await challengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  const pkce = await createPkce();
  assert.match(pkce.verifier, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(pkce.challenge, await challengeOf(pkce.verifier));
});

test("a redirect is read only with its state", () => {
  assert.equal(readRedirect("ru.example.app:/cb?code=ac_1&state=s1", "s1"), "ac_1");
  assert.throws(() => readRedirect("ru.example.app:/cb?code=ac_1&state=other", "s1"), /state/);
  assert.throws(
    () => readRedirect("ru.example.app:/cb?error=access_denied&state=s1", "s1"),
    (e: unknown) => isEbillError(e, "access_denied"),
  );
});

/** A browser's cookie jar, kept by hand: fetch follows no redirect here. */
class Jar {
  #cookies = new Map<string, string>();
  keep(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair!.indexOf("=");
      this.#cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  }
  get(name: string): string {
    return this.#cookies.get(name) ?? "";
  }
  header(): string {
    return [...this.#cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

function hiddenFields(html: string): [string, string][] {
  const form = html.split('action="/oauth/authorize"')[1] ?? "";
  const decode = (v: string) => v.replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))).replace(/&amp;/g, "&").replace(/&quot;/g, '"');
  return [...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, decode(m[2]!)]);
}

test("an app gets tokens with PKCE through the login and consent pages", { timeout: 60_000 }, async () => {
  const { baseUrl } = server;
  const password = server.addOperator("ops@agent.example");
  const operator = createEbillClient({ baseUrl, auth: { grant_type: "password", username: "ops@agent.example", password } });
  const app = await operator.unwrap(
    operator.POST("/v1/apps", { body: { name: "Мой дом", type: "public", redirect_uris: ["http://127.0.0.1/callback"] } }),
  );
  const anon = createEbillClient({ baseUrl });
  const email = "pkce@example.org";
  await anon.unwrap(anon.POST("/v1/residents", { body: { email, phone: "+79131234500", password: "correct horse battery", consent: { version: "2026-12-01" } } }));
  await anon.unwrap(anon.POST("/v1/residents/email-confirmations", { body: { token: await server.confirmationToken(email) } }));

  // The app: a PKCE pair, a state, the URL to open.
  const redirectUri = "http://127.0.0.1:43111/callback";
  const pkce = await createPkce();
  const state = randomString();
  const url = authorizeUrl({ baseUrl, clientId: app.client_id, redirectUri, scope: ["documents:read"], state, codeChallenge: pkce.challenge });
  assert.ok(url.startsWith(`${baseUrl}/v1/oauth/authorize?`) && url.includes("code_challenge_method=S256"));

  // The resident, in a browser: to the login, back to the consent page, «Разрешить».
  const jar = new Jar();
  const get = async (to: string) => {
    const r = await fetch(new URL(to, baseUrl), { headers: { cookie: jar.header() }, redirect: "manual" });
    jar.keep(r);
    return r;
  };
  const post = async (to: string, fields: [string, string][]) => {
    const r = await fetch(new URL(to, baseUrl), {
      method: "POST",
      headers: { cookie: jar.header(), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
      redirect: "manual",
    });
    jar.keep(r);
    return r;
  };
  const toLogin = await get(url);
  assert.equal(toLogin.status, 303);
  const loginPage = toLogin.headers.get("location")!;
  const next = new URL(loginPage, baseUrl).searchParams.get("next")!;
  await get(loginPage);
  const signedIn = await post("/login", [["email", email], ["password", "correct horse battery"], ["next", next], ["csrf_token", jar.get("ebill_csrf")]]);
  assert.equal(signedIn.headers.get("location"), next);
  const consent = await get(next);
  const html = await consent.text();
  assert.ok(html.includes("Мой дом") && html.includes("видеть ваши квитанции и ЕПД"));
  const allowed = await post("/oauth/authorize", [...hiddenFields(html), ["decision", "allow"]]);
  assert.equal(allowed.status, 303);
  const redirectedTo = allowed.headers.get("location")!;
  assert.ok(redirectedTo.startsWith(`${redirectUri}?`), redirectedTo);

  // The app again: the code, the tokens, calls within the scope.
  const code = readRedirect(redirectedTo, state);
  const tokens = await exchangeCode({ baseUrl, clientId: app.client_id, redirectUri, code, codeVerifier: pkce.verifier });
  assert.equal(tokens.scope, "documents:read");
  const asApp = createEbillClient({ baseUrl, tokens: appTokens(tokens, app.client_id) });
  const documents = await asApp.unwrap(asApp.GET("/v1/me/documents"));
  assert.deepEqual(documents.data, []);
  await assert.rejects(asApp.unwrap(asApp.GET("/v1/me/addresses")), (e: unknown) => isEbillError(e, "insufficient_scope"));
  await assert.rejects(
    exchangeCode({ baseUrl, clientId: app.client_id, redirectUri, code, codeVerifier: pkce.verifier }),
    (e: unknown) => isEbillError(e, "invalid_grant"),
    "a code is single use",
  );
});
