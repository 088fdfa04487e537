// verifyWebhook against fixed vectors (HMAC-SHA256 computed independently) and against node:crypto.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { test } from "node:test";

import { verifyWebhook, WebhookSignatureError, type WebhookSignatureReason } from "../src/index.js";

const T = 1_700_000_000;
const NOW = T * 1000 + 30_000; // 30 s after signing
const BODY = '{"id":"evt_1","type":"ping","created_at":"2023-11-14T22:13:20+00:00","data":{"provider_id":"prv_1"}}';
// HMAC-SHA256(secret, "1700000000." + BODY), computed with Python's hmac module.
const SIG_NEW = "44684c01faabad0251973d6031b56404484f18baf559d55cc4bc8a7d5285269c";
const SIG_OLD = "d9f6c9a71bade627a68d16d0f5ecf9bf01ecfa5e7b5c06c7b233e1236ae36d1f";

async function refused(p: Promise<unknown>, reason: WebhookSignatureReason): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof WebhookSignatureError, String(e));
    assert.equal(e.reason, reason, e.message);
    return true;
  });
}

test("a signature of the secret is accepted and the event returned", async () => {
  const event = await verifyWebhook<{ provider_id: string }>(BODY, `t=${T},v1=${SIG_NEW}`, "whsec_new", 300, NOW);
  assert.deepEqual(event, { id: "evt_1", type: "ping", created_at: "2023-11-14T22:13:20+00:00", data: { provider_id: "prv_1" } });
  assert.equal(event.data.provider_id, "prv_1");
  // The raw bytes work as well as the string.
  await verifyWebhook(new TextEncoder().encode(BODY), `t=${T},v1=${SIG_NEW}`, ["whsec_new"], 300, new Date(NOW));
});

test("during a rotation: two signatures, either secret is enough", async () => {
  const header = `t=${T},v1=${SIG_NEW},v1=${SIG_OLD}`;
  await verifyWebhook(BODY, header, "whsec_new", 300, NOW);
  await verifyWebhook(BODY, header, "whsec_old", 300, NOW);
  await verifyWebhook(BODY, header, ["whsec_new", "whsec_old"], 300, NOW);
  // A receiver that already switched to the new secret, and a sender still on the old one.
  await verifyWebhook(BODY, `t=${T},v1=${SIG_OLD}`, ["whsec_new", "whsec_old"], 300, NOW);
  await refused(verifyWebhook(BODY, `t=${T},v1=${SIG_OLD}`, "whsec_new", 300, NOW), "no_matching_signature");
});

test("a tampered body, another timestamp or a wrong secret do not match", async () => {
  await refused(verifyWebhook(BODY.replace("prv_1", "prv_2"), `t=${T},v1=${SIG_NEW}`, "whsec_new", 300, NOW), "no_matching_signature");
  await refused(verifyWebhook(BODY, `t=${T + 1},v1=${SIG_NEW}`, "whsec_new", 300, NOW), "no_matching_signature");
  await refused(verifyWebhook(BODY, `t=${T},v1=${SIG_NEW}`, "whsec_other", 300, NOW), "no_matching_signature");
  await refused(verifyWebhook(BODY, `t=${T},v1=${SIG_NEW.slice(0, 62)}`, "whsec_new", 300, NOW), "no_signature");
  await refused(verifyWebhook(BODY, `t=${T},v0=${SIG_NEW}`, "whsec_new", 300, NOW), "no_signature");
});

test("the timestamp: missing, too old, too far in the future", async () => {
  await refused(verifyWebhook(BODY, undefined, "whsec_new"), "no_header");
  await refused(verifyWebhook(BODY, "", "whsec_new"), "no_header");
  await refused(verifyWebhook(BODY, `v1=${SIG_NEW}`, "whsec_new", 300, NOW), "no_timestamp");
  await refused(verifyWebhook(BODY, `t=soon,v1=${SIG_NEW}`, "whsec_new", 300, NOW), "no_timestamp");
  await refused(verifyWebhook(BODY, `t=${T},v1=${SIG_NEW}`, "whsec_new", 300, (T + 301) * 1000), "too_old");
  await verifyWebhook(BODY, `t=${T},v1=${SIG_NEW}`, "whsec_new", 300, (T + 300) * 1000);
  await refused(verifyWebhook(BODY, `t=${T},v1=${SIG_NEW}`, "whsec_new", 300, (T - 301) * 1000), "too_new");
  await refused(verifyWebhook(BODY, `t=${T},v1=${SIG_NEW}`, "whsec_new", 10, NOW), "too_old");
  // The default tolerance is 300 s against the clock: a signature from 2023 is far too old.
  await refused(verifyWebhook(BODY, `t=${T},v1=${SIG_NEW}`, "whsec_new"), "too_old");
});

test("a fresh signature made with node:crypto, and a signed body that is not an event", async () => {
  const now = Math.floor(Date.now() / 1000);
  const sign = (body: string, secret: string) => createHmac("sha256", secret).update(`${now}.${body}`).digest("hex");
  const body = JSON.stringify({ id: "evt_2", type: "document.delivered", created_at: new Date().toISOString(), data: { total: 22032 } });
  const event = await verifyWebhook(body, ` t=${now} , v1=${sign(body, "s")} `, "s");
  assert.equal(event.type, "document.delivered");
  await refused(verifyWebhook("[1,2]", `t=${now},v1=${sign("[1,2]", "s")}`, "s"), "not_an_event");
  await refused(verifyWebhook("not json", `t=${now},v1=${sign("not json", "s")}`, "s"), "not_an_event");
  await assert.rejects(verifyWebhook(body, `t=${now},v1=${sign(body, "s")}`, []), TypeError);
});
