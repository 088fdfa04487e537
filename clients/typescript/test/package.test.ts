// The package as a user gets it: `npm pack` on a clean copy of this folder (prepack builds dist/src), the
// tarball installed into a scratch project (`npm ci --offline`: openapi-fetch comes from the npm cache that
// `npm ci` filled here, by the integrity of package-lock.json), then used from plain JavaScript (ESM) and
// from TypeScript: every ```ts block of the README type-checks there with tsc, and the provider's
// integration (register, upload accounts, push charges, receive a webhook) runs as written against a
// live server.
import assert from "node:assert/strict";
import { spawn, spawnSync, type SpawnSyncReturns } from "node:child_process";
import { createHmac } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";

import { createEbillClient } from "../src/index.js";
import { startServer, type Server } from "./support/server.js";

const here = fileURLToPath(new URL("../..", import.meta.url)); // clients/typescript (the test runs from dist/test)
const tsc = join(here, "node_modules", ".bin", "tsc");

let server: Server;
let dir: string;
let app: string;
let packed: { filename: string; integrity: string; files: { path: string }[] };
/** The README's ```ts blocks, by the heading they are under. */
const blocks = new Map<string, string>();
const REGISTER = "1. Register (once)";
const PUSH = "2. Upload the accounts, then push the charges";
const WEBHOOKS = "3. Receive webhooks";

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { cwd, env: { ...process.env, ...env }, encoding: "utf8", timeout: 120_000 });
  assert.equal(r.status, 0, `${cmd} ${args.join(" ")} (in ${cwd}) failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  return r;
}

before(async () => {
  server = await startServer();
  dir = mkdtempSync(join(tmpdir(), "ebill-ts-package-"));

  // A clean copy (no dist/), so the tarball holds only what prepack builds.
  const pkg = join(dir, "pkg");
  mkdirSync(pkg);
  for (const f of ["package.json", "tsconfig.json", "tsconfig.build.json", "README.md", "src"]) {
    cpSync(join(here, f), join(pkg, f), { recursive: true });
  }
  symlinkSync(join(here, "node_modules"), join(pkg, "node_modules"), "dir");
  const out = run("npm", ["pack", "--json", "--pack-destination", dir, "--loglevel=error"], pkg);
  packed = (JSON.parse(out.stdout) as (typeof packed)[])[0]!;

  // The scratch project, locked to the tarball and to the client's own locked dependencies.
  app = join(dir, "app");
  mkdirSync(app);
  const tarball = `file:../${packed.filename}`;
  const lock = (JSON.parse(readFileSync(join(here, "package-lock.json"), "utf8")) as { packages: Record<string, object> }).packages;
  const manifest = { name: "scratch", private: true, type: "module", dependencies: { "@ebill/client": tarball }, devDependencies: { "@types/node": "20.19.43" } };
  const packages: Record<string, object> = {
    "": { name: "scratch", dependencies: manifest.dependencies, devDependencies: manifest.devDependencies },
    "node_modules/@ebill/client": { version: "0.1.0", resolved: tarball, integrity: packed.integrity, dependencies: { "openapi-fetch": "0.17.0" } },
  };
  for (const name of ["openapi-fetch", "openapi-typescript-helpers", "@types/node", "undici-types"]) {
    const entry = lock[`node_modules/${name}`];
    assert.ok(entry, `${name} is not in package-lock.json`);
    packages[`node_modules/${name}`] = entry;
  }
  writeFileSync(join(app, "package.json"), JSON.stringify(manifest, null, 2));
  writeFileSync(join(app, "package-lock.json"), JSON.stringify({ name: "scratch", lockfileVersion: 3, requires: true, packages }, null, 2));
  run("npm", ["ci", "--offline", "--no-audit", "--no-fund", "--loglevel=error"], app);

  // Every ```ts block of the README becomes a module of the scratch project.
  let heading = "";
  for (const m of readFileSync(join(here, "README.md"), "utf8").matchAll(/^#{2,3} ([^\n]+)$|^```ts\n(.*?)^```$/gms)) {
    if (m[1] !== undefined) heading = m[1].trim();
    else blocks.set(heading, m[2]!);
  }
  [...blocks.values()].forEach((code, i) => writeFileSync(join(app, `readme-${i + 1}.ts`), code));
  writeFileSync(
    join(app, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        lib: ["ES2022"],
        module: "NodeNext",
        moduleResolution: "NodeNext",
        types: ["node"],
        strict: true,
        skipLibCheck: false,
        outDir: "out",
      },
      include: ["*.ts"],
    }),
  );
});

after(async () => {
  await server?.stop();
  if (dir && !process.env.EBILL_KEEP_TMP) rmSync(dir, { recursive: true, force: true });
});

function fileOf(heading: string): string {
  const i = [...blocks.keys()].indexOf(heading);
  assert.ok(i >= 0, `no \`\`\`ts block under "${heading}" in the README`);
  return join(app, "out", `readme-${i + 1}.js`);
}

test("npm pack ships the built ESM, its declarations and exports, and nothing else", () => {
  const files = packed.files.map((f) => f.path).sort();
  for (const f of ["index", "errors", "tokens", "pkce", "webhooks", "schema"]) {
    assert.ok(files.includes(`dist/src/${f}.js`), `dist/src/${f}.js in ${files}`);
    assert.ok(files.includes(`dist/src/${f}.d.ts`), `dist/src/${f}.d.ts in ${files}`);
  }
  assert.deepEqual(files.filter((f) => !f.startsWith("dist/src/")), ["README.md", "package.json"]);
  assert.ok(files.every((f) => !f.endsWith(".map")), "no source maps pointing at sources not shipped");
  const installed = JSON.parse(readFileSync(join(app, "node_modules", "@ebill", "client", "package.json"), "utf8"));
  assert.equal(installed.type, "module");
  assert.deepEqual(installed.exports, { ".": { types: "./dist/src/index.d.ts", default: "./dist/src/index.js" } });
  assert.deepEqual(installed.dependencies, { "openapi-fetch": "0.17.0" });
});

test("plain JavaScript (ESM) imports the installed package and calls the live server", () => {
  writeFileSync(
    join(app, "consumer.mjs"),
    `import { createHmac } from "node:crypto";
import { createEbillClient, EbillError, verifyWebhook, WebhookSignatureError } from "@ebill/client";

const ebill = createEbillClient({ baseUrl: process.env.EBILL_URL });
const health = await ebill.GET("/healthz");
if (health.response.status !== 200) throw new Error("healthz " + health.response.status);
let code;
try {
  await ebill.unwrap(ebill.POST("/v1/providers", { body: { name: "x" } }));
} catch (e) {
  if (!(e instanceof EbillError)) throw e;
  code = e.code;
}
try {
  await import("@ebill/client/dist/src/tokens.js");
  throw new Error("a deep import got through exports");
} catch (e) {
  if (e.code !== "ERR_PACKAGE_PATH_NOT_EXPORTED") throw e;
}
const t = Math.floor(Date.now() / 1000);
const body = JSON.stringify({ id: "evt_1", type: "ping", created_at: new Date().toISOString(), data: {} });
const header = "t=" + t + ",v1=" + createHmac("sha256", "s").update(t + "." + body).digest("hex");
const event = await verifyWebhook(body, header, "s");
const refused = await verifyWebhook(body + " ", header, "s").catch((e) => e instanceof WebhookSignatureError && e.reason);
console.log(code, event.type, refused);
`,
  );
  const r = run("node", ["consumer.mjs"], app, { EBILL_URL: server.baseUrl });
  assert.equal(r.stdout.trim(), "validation_failed ping no_matching_signature");
});

test("every TypeScript block of the README type-checks against the installed package (tsc, strict)", () => {
  assert.ok(blocks.size >= 5, `${blocks.size} blocks`);
  run(tsc, ["-p", "."], app);
});

test("the README's provider integration runs as written", { timeout: 120_000 }, async () => {
  run(tsc, ["-p", "."], app); // emits out/*.js (the test above only has to fail first)
  const env: NodeJS.ProcessEnv = { EBILL_URL: server.baseUrl };

  // 1. Registration prints the credentials to keep.
  let out = run("node", [fileOf(REGISTER)], app, env).stdout;
  const creds = Object.fromEntries([...out.matchAll(/^(EBILL_[A-Z_]+)=(\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
  assert.deepEqual(Object.keys(creds).sort(), ["EBILL_CLIENT_ID", "EBILL_CLIENT_SECRET", "EBILL_WEBHOOK_SECRET"], out);
  const [providerId, status] = out.split(/\s+/);
  assert.equal(status, "pending");
  Object.assign(env, creds);

  // The agent's operator approves it (what happens between the README's steps 1 and 2).
  const email = "ops@agent.example";
  const operator = createEbillClient({ baseUrl: server.baseUrl, auth: { grant_type: "password", username: email, password: server.addOperator(email) } });
  await operator.unwrap(operator.POST("/v1/providers/{id}/approve", { params: { path: { id: providerId! } } }));

  // 2. Accounts, then charges: twice, as a provider resending its batch would; the push is replayed.
  for (let i = 0; i < 2; i++) {
    out = run("node", [fileOf(PUSH)], app, env).stdout;
    assert.match(out, new RegExp(`^${providerId} active$`, "m"));
    assert.match(out, /^1001 cold_water 22032$/m);
    assert.match(out, /^1002 cold_water 12711$/m);
  }
  assert.match(out, /^accounts: 0 new, 0 changed, 2 unchanged$/m);
  assert.match(out, /^batch bat_\S+: 2 new, 0 changed$/m, "the same key: the first answer again");

  // 3. The receiver answers 204 to an event signed as the server signs, 400 to an altered one.
  const port = await freePort();
  const receiver = spawn("node", [fileOf(WEBHOOKS)], { cwd: app, env: { ...process.env, ...env, PORT: String(port) }, stdio: "pipe" });
  let logged = "";
  receiver.stdout.on("data", (d) => (logged += d));
  receiver.stderr.on("data", (d) => (logged += d));
  try {
    const body = JSON.stringify({
      id: "evt_1",
      type: "account.delivery_changed",
      created_at: new Date().toISOString(),
      data: { account_number: "1001", payer_code: "1", delivery: "electronic", effective_from: "2021-08" },
    });
    const t = Math.floor(Date.now() / 1000);
    const signature = `t=${t},v1=${createHmac("sha256", creds.EBILL_WEBHOOK_SECRET!).update(`${t}.${body}`).digest("hex")}`;
    const post = (b: string, sig: string) =>
      fetch(`http://127.0.0.1:${port}/`, { method: "POST", body: b, headers: { "content-type": "application/json", "webhook-signature": sig } });
    let first: Response | undefined;
    for (let i = 0; i < 100 && first === undefined; i++) {
      first = await post(body, signature).catch(async () => (await new Promise((r) => setTimeout(r, 50)), undefined));
    }
    assert.equal(first?.status, 204, logged);
    assert.equal((await post(body.replace("1001", "1002"), signature)).status, 400);
    assert.match(logged, /^1001 goes electronic$/m);
    assert.match(logged, /refused a webhook: no_matching_signature/);
  } finally {
    receiver.kill();
  }
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
