// The resident story against a live server started here: a provider signs up and pushes charges, a
// resident registers, confirms the email, links the address, switches to electronic receipts with the SMS
// code, and after the billing run finds the e-receipt among the documents.
import assert from "node:assert/strict";
import { after, before, test, type TestContext } from "node:test";

import {
  createEbillClient,
  EbillError,
  isEbillError,
  verifyWebhook,
  WebhookSignatureError,
  type EbillClient,
} from "../src/index.js";
import { startReceiver, type Receiver } from "./support/receiver.js";
import { startServer, type Server } from "./support/server.js";

const PERIOD = "2021-08";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let server: Server;
let hooks: Receiver;

before(async () => {
  server = await startServer();
  hooks = await startReceiver();
});

after(async () => {
  await server?.stop();
  await hooks?.close();
});

/** Runs the steps in order; once one fails, the rest are skipped rather than failing on its leftovers. */
function stepper(t: TestContext) {
  let failed: string | undefined;
  return async (name: string, fn: (st: TestContext) => Promise<void>) => {
    if (failed !== undefined) {
      await t.test(name, { skip: `"${failed}" failed` }, () => {});
      return;
    }
    await t.test(name, async (st) => {
      try {
        await fn(st);
      } catch (e) {
        failed = name;
        if (!isEbillError(e)) throw e;
        throw new Error(`${e.message}\nproblem: ${JSON.stringify(e.problem)}\nserver log:\n${server.log().split("\n").slice(-30).join("\n")}`, { cause: e });
      }
    });
  };
}

test("the resident story", { timeout: 120_000 }, async (t) => {
  const step = stepper(t);
  const { baseUrl } = server;
  const anon = createEbillClient({ baseUrl });

  let operator!: EbillClient;
  let provider!: EbillClient;
  let resident!: EbillClient;
  let payerCode!: string;
  let addressId!: string;
  let webhookSecret!: string;
  let previousWebhookSecret!: string;
  const residentEmail = "anna@example.org";
  const residentPassword = "correct horse battery";
  const sentHeaders: Headers[] = [];

  await step("an operator logs in with the password grant", async () => {
    const password = server.addOperator("ops@agent.example");
    operator = createEbillClient({ baseUrl, auth: { grant_type: "password", username: "ops@agent.example", password } });
    const tokens = await operator.login({ grant_type: "password", username: "ops@agent.example", password });
    assert.equal(tokens.token_type, "Bearer");
    assert.ok(tokens.refresh_token, "a password grant returns a refresh token");
  });

  await step("invalid requisites are a typed validation error", async () => {
    const err = await anon.unwrap(anon.POST("/v1/providers", { body: { ...providerBody(), inn: "1901067719" } })).then(
      () => assert.fail("expected a 422"),
      (e: unknown) => e,
    );
    assert.ok(err instanceof EbillError);
    assert.equal(err.status, 422);
    assert.equal(err.code, "validation_failed");
    assert.ok(err.errors.some((f) => f.field === "inn"), JSON.stringify(err.errors));
    assert.ok(err.requestId, "problems carry the request id");
  });

  await step("a provider registers, is approved and pushes charges", async () => {
    const reg = await anon.unwrap(anon.POST("/v1/providers", { body: { ...providerBody(), webhook_url: hooks.url } }));
    assert.equal(reg.status, "pending");
    webhookSecret = reg.webhook_secret;
    await operator.unwrap(operator.POST("/v1/providers/{id}/approve", { params: { path: { id: reg.id } } }));

    provider = createEbillClient({
      baseUrl,
      auth: { grant_type: "client_credentials", client_id: reg.client_id, client_secret: reg.client_secret },
    });
    provider.use({
      onRequest({ request }) {
        sentHeaders.push(new Headers(request.headers));
      },
    });
    const me = await provider.unwrap(provider.GET("/v1/providers/me"));
    assert.equal(me.id, reg.id);
    assert.equal(provider.getTokens()?.refreshToken, undefined, "client_credentials has no refresh token");

    await provider.unwrap(provider.PUT("/v1/providers/me/edoc", { body: { edoc_capable: true, since: PERIOD } }));
    const put = provider.PUT("/v1/providers/me/accounts", {
      body: {
        accounts: [{ number: "1001", address: { city: "Абакан", street: "ул. Ленина", house: "12", apartment: "5" } }],
      },
    });
    const accounts = await provider.unwrap(put);
    assert.equal(accounts.accounts.length, 1);
    const code = accounts.accounts[0]!.payer_code;
    assert.ok(code, "a real upload gives every payer code");
    payerCode = code;
    assert.match(payerCode, /^\d{10}$/);

    const puts = sentHeaders.filter((h) => h.has("idempotency-key"));
    assert.equal(puts.length, 2, "both PUTs got an Idempotency-Key");
    for (const h of puts) assert.match(h.get("idempotency-key")!, UUID);
    assert.ok(sentHeaders.every((h) => h.get("authorization")?.startsWith("Bearer ")));

    // A retry with the same key is answered from the first answer.
    const key = `push-${PERIOD}-1`;
    const push = () =>
      provider.POST("/v1/providers/me/charges", {
        params: { header: { "Idempotency-Key": key } },
        body: {
          period: PERIOD,
          items: [
            {
              account_number: "1001",
              service: { code: "cold_water", name: "Холодное водоснабжение", unit: "м³" },
              volume: "5.2",
              tariff: "42.37",
              amount: 22032,
            },
          ],
        },
      });
    const first = await push();
    assert.equal(first.response.status, 200, JSON.stringify(first.error));
    const again = await push();
    assert.equal(again.response.headers.get("idempotent-replayed"), "true");
    assert.deepEqual(again.data, first.data);
  });

  await step("a resident registers and confirms the email", async () => {
    await anon.unwrap(
      anon.POST("/v1/residents", {
        body: { email: residentEmail, phone: "+79131234567", password: residentPassword, consent: { version: "2026-12-01" } },
      }),
    );
    const token = await server.confirmationToken(residentEmail);
    await anon.unwrap(anon.POST("/v1/residents/email-confirmations", { body: { token } }));

    resident = createEbillClient({
      baseUrl,
      auth: { grant_type: "password", username: residentEmail, password: residentPassword },
    });
    const me = await resident.unwrap(resident.GET("/v1/me")); // logs in on the first call
    assert.equal(me.email, residentEmail);
    assert.equal(me.email_confirmed, true);
  });

  await step("the resident links the address with an operator's link code", async () => {
    const issued = await operator.unwrap(
      operator.POST("/v1/premises/{payer_code}/link-codes", { params: { path: { payer_code: payerCode } } }),
    );
    const address = await resident.unwrap(
      resident.POST("/v1/me/addresses", { body: { payer_code: payerCode, link_code: issued.link_code } }),
    );
    assert.equal(address.payer_code, payerCode);
    addressId = address.id;
  });

  await step("the resident switches to electronic receipts with the SMS code", async () => {
    const requested = await resident.unwrap(
      resident.PUT("/v1/me/addresses/{id}/delivery", {
        params: { path: { id: addressId } },
        body: { channel: "electronic", sms_notifications: true },
      }),
    );
    const verification = requested.verification;
    assert.equal(verification.status, "pending");
    const code = await server.smsCode(1);

    const confirm = (c: string) =>
      resident.unwrap(resident.POST("/v1/verifications/{id}/confirm", { params: { path: { id: verification.id } }, body: { code: c } }));
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    await assert.rejects(confirm(wrong), (e: unknown) => {
      assert.ok(isEbillError(e, "wrong_code"), String(e));
      assert.equal(e.status, 422);
      assert.equal(e.attemptsLeft, verification.attempts_left - 1);
      assert.equal(e.problem.type, "/problems/wrong_code");
      return true;
    });

    const confirmed = await confirm(code);
    assert.equal(confirmed.verification.status, "confirmed");
    assert.equal(confirmed.address?.delivery.channel, "electronic");

    const history = await resident.unwrap(
      resident.GET("/v1/me/addresses/{id}/delivery/history", { params: { path: { id: addressId } } }),
    );
    assert.equal(history.data.length, 1);
  });

  await step("the provider's webhook of the switch verifies with its webhook_secret", async () => {
    const hook = await hooks.next();
    assert.equal(hook.path, "/ebill/events");
    const header = hook.headers["webhook-signature"];
    assert.equal(typeof header, "string");
    assert.equal(String(header).match(/v1=/g)?.length, 1, "one secret, one signature");
    const event = await verifyWebhook<{ account_number: string; delivery: string; payer_code: string }>(hook.body, header, webhookSecret);
    assert.equal(event.type, "account.delivery_changed");
    assert.equal(event.id, hook.headers["webhook-id"]);
    assert.deepEqual([event.data.account_number, event.data.delivery, event.data.payer_code], ["1001", "electronic", payerCode]);
    // The body as text verifies too; altered, signed with another secret, or replayed late, it does not.
    await verifyWebhook(hook.body.toString("utf8"), header, [webhookSecret]);
    const refusals: [() => Promise<unknown>, string][] = [
      [() => verifyWebhook(hook.body.toString("utf8").replace('"electronic"', '"paper"'), header, webhookSecret), "no_matching_signature"],
      [() => verifyWebhook(hook.body, header, "whsec_not-the-secret"), "no_matching_signature"],
      [() => verifyWebhook(hook.body, header, webhookSecret, 300, Date.now() + 301_000), "too_old"],
    ];
    for (const [attempt, reason] of refusals) {
      await assert.rejects(attempt(), (e: unknown) => e instanceof WebhookSignatureError && e.reason === reason);
    }

    // A rotation: for a day every event is signed with both secrets.
    const rotated = await provider.unwrap(provider.POST("/v1/providers/me/webhook-secret"));
    assert.notEqual(rotated.webhook_secret, webhookSecret);
    previousWebhookSecret = webhookSecret;
    webhookSecret = rotated.webhook_secret;
  });

  await step("the test webhook (a signed ping, sent while the request waits) verifies with both secrets", async (st) => {
    const spec = (await (await fetch(`${baseUrl}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    if (!("/v1/providers/me/webhooks/test" in spec.paths)) {
      st.skip("this server has no POST /v1/providers/me/webhooks/test yet");
      return;
    }
    const token = provider.getTokens()?.accessToken;
    const answer = await fetch(`${baseUrl}/v1/providers/me/webhooks/test`, { method: "POST", headers: { authorization: `Bearer ${token}` } });
    assert.equal(answer.status, 200, await answer.text());
    const hook = await hooks.next();
    const header = hook.headers["webhook-signature"];
    for (const secrets of [webhookSecret, previousWebhookSecret]) {
      const event = await verifyWebhook<{ provider_id: string }>(hook.body, header, secrets);
      assert.equal(event.type, "ping");
    }
    await assert.rejects(verifyWebhook(Buffer.concat([hook.body, Buffer.from(" ")]), header, webhookSecret), WebhookSignatureError);
  });

  await step("an expired or rejected access token is renewed with the refresh token", async () => {
    const before = resident.getTokens()!;
    assert.ok(before.refreshToken);
    // Expired: renewed before the request is sent.
    resident.setTokens({ ...before, expiresAt: Date.now() - 1 });
    await resident.unwrap(resident.GET("/v1/me"));
    const renewed = resident.getTokens()!;
    assert.notEqual(renewed.refreshToken, before.refreshToken, "refresh tokens rotate");
    // Rejected (401): renewed and the request sent again.
    resident.setTokens({ ...renewed, accessToken: "not-a-token", expiresAt: undefined });
    const me = await resident.unwrap(resident.GET("/v1/me"));
    assert.equal(me.email, residentEmail);
    assert.notEqual(resident.getTokens()!.refreshToken, renewed.refreshToken);
    // The rotated refresh token is dead.
    await assert.rejects(
      anon.unwrap(anon.POST("/v1/oauth/token", { body: { grant_type: "refresh_token", refresh_token: before.refreshToken } })),
      (e: unknown) => isEbillError(e) && e.status === 400 && e.oauthError === "invalid_grant",
    );
  });

  await step("the operator runs the billing", async () => {
    const run = await operator.unwrap(operator.POST("/v1/billing-runs", { body: { period: PERIOD } }));
    const deadline = Date.now() + 30_000;
    let status = run.status;
    while (status !== "finished") {
      assert.notEqual(status, "failed");
      assert.ok(Date.now() < deadline, `billing run still ${status}`);
      await new Promise((r) => setTimeout(r, 100));
      const now = await operator.unwrap(operator.GET("/v1/billing-runs/{id}", { params: { path: { id: run.id } } }));
      status = now.status;
      assert.equal(now.period, PERIOD);
    }
  });

  await step("the resident finds the e-receipt with a payment QR", async () => {
    const docs = [];
    for await (const doc of resident.paginate("/v1/me/documents", { query: { limit: 1 } })) docs.push(doc);
    const receipt = docs.find((d) => d.kind === "e_receipt");
    assert.ok(receipt, JSON.stringify(docs));
    assert.equal(receipt.period, PERIOD);
    assert.equal(receipt.total, 22032);

    const doc = await resident.unwrap(resident.GET("/v1/me/documents/{id}", { params: { path: { id: receipt.id } } }));
    // JSON unless the request asks for `application/pdf`.
    assert.ok(typeof doc !== "string", "the document as JSON");
    assert.ok(doc.payees[0]?.qr_payload.startsWith("ST00012|"), doc.payees[0]?.qr_payload);

    const check = await anon.unwrap(
      anon.GET("/v1/document-checks/{verification_code}", { params: { path: { verification_code: receipt.verification_code } } }),
    );
    assert.deepEqual([check.kind, check.period, check.total], ["e_receipt", PERIOD, 22032]);
    assert.equal(check.payees.length, 1);
    assert.ok(!JSON.stringify(check).includes("Ленина"), "a public check carries no address");
  });

  await step("the e-receipt's delivery reaches the provider, signed with both secrets", async () => {
    const hook = await hooks.next();
    const header = hook.headers["webhook-signature"];
    assert.equal(String(header).match(/v1=/g)?.length, 2);
    for (const secrets of [[webhookSecret], [previousWebhookSecret], [webhookSecret, previousWebhookSecret]]) {
      const event = await verifyWebhook<{ total: number; status: string }>(hook.body, header, secrets);
      assert.deepEqual([event.type, event.data.total, event.data.status], ["document.delivered", 22032, "emailed"]);
    }
  });

  await step("logging out revokes the login", async () => {
    const refresh = resident.getTokens()!.refreshToken!;
    await resident.logout();
    assert.equal(resident.getTokens(), undefined);
    await assert.rejects(
      anon.unwrap(anon.POST("/v1/oauth/token", { body: { grant_type: "refresh_token", refresh_token: refresh } })),
      (e: unknown) => isEbillError(e, "invalid_grant"),
    );
    await assert.rejects(resident.unwrap(resident.GET("/v1/me")), (e: unknown) => isEbillError(e) && e.status === 401);
  });
});

function providerBody() {
  return {
    name: "МУП «Водоканал»",
    inn: "1901067718",
    kpp: "190101001",
    ogrn: "1027700132195",
    email: "billing@vodokanal.example",
    phone: "+7 3902 22-33-44",
    bank: {
      name: "ПАО Сбербанк",
      bik: "044525225",
      account: "40702810438000060473",
      correspondent_account: "30101810400000000225",
    },
  };
}
