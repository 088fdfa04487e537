// Starts the real ebill binary for a test: a fresh SQLite database, mail and SMS written to files, a free
// port. Nothing is downloaded: the binary is EBILL_BIN, or the debug build of `.ci/run`'s target folder.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, closeSync } from "node:fs";
import { createServer } from "node:net";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";

export interface Server {
  baseUrl: string;
  dir: string;
  /** Env of the server (for the CLI: same database). */
  env: NodeJS.ProcessEnv;
  bin: string;
  /** Adds an operator with the CLI and returns its password. */
  addOperator(email: string): string;
  /** The confirmation token of the last email sent to `to` (waits for it). */
  confirmationToken(to: string, timeoutMs?: number): Promise<string>;
  /** The 6-digit code of the `n`-th SMS (1-based) sent so far (waits for it). */
  smsCode(n: number, timeoutMs?: number): Promise<string>;
  /** The server's log, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

export function serverBinary(): string {
  return process.env.EBILL_BIN ?? join(homedir(), ".cache", "ebill-target", "debug", "ebill");
}

export async function startServer(): Promise<Server> {
  const bin = serverBinary();
  if (!existsSync(bin)) {
    throw new Error(`no ebill binary at ${bin}: build it (cargo build) or set EBILL_BIN`);
  }
  const dir = mkdtempSync(join(tmpdir(), "ebill-ts-smoke-"));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    EBILL_DATABASE_URL: `sqlite://${join(dir, "ebill.db")}`,
    EBILL_BIND: `127.0.0.1:${port}`,
    EBILL_PUBLIC_URL: baseUrl,
    EBILL_RATE_LIMITS: "off",
    EBILL_MAIL: `dir:${join(dir, "mail")}`,
    EBILL_SMS: `file:${join(dir, "sms.jsonl")}`,
    EBILL_OUTBOX_POLL_MS: "50",
    EBILL_SHUTDOWN_TIMEOUT: "2",
    EBILL_JWT_SECRET: randomBytes(32).toString("hex"),
    // The tests' webhook receivers listen on 127.0.0.1 (a test-only setting).
    EBILL_WEBHOOK_ALLOW_PRIVATE: "true",
    RUST_LOG: process.env.RUST_LOG ?? "info",
  };
  const logPath = join(dir, "server.log");
  const logFd = openSync(logPath, "a");
  const child: ChildProcess = spawn(bin, ["serve"], { env, stdio: ["ignore", logFd, logFd] });
  closeSync(logFd);
  let exited: string | undefined;
  const exit = new Promise<void>((resolve) => {
    child.once("exit", (code, signal) => {
      exited = `exited with ${signal ?? code}`;
      resolve();
    });
  });
  const log = () => (existsSync(logPath) ? readFileSync(logPath, "utf8") : "");

  const stop = async () => {
    if (exited === undefined) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exit;
      clearTimeout(timer);
    }
    if (!process.env.EBILL_KEEP_TMP) rmSync(dir, { recursive: true, force: true });
  };

  try {
    await waitFor(`${baseUrl}/readyz`, async () => {
      if (exited !== undefined) throw new Error(`ebill ${exited}:\n${tail(log())}`);
      try {
        return (await fetch(`${baseUrl}/readyz`)).status === 200;
      } catch {
        return false;
      }
    }, 30_000);
  } catch (e) {
    await stop();
    throw e;
  }

  return {
    baseUrl,
    dir,
    env,
    bin,
    addOperator(email: string): string {
      const password = `op-${randomBytes(9).toString("base64url")}`;
      const r = spawnSync(bin, ["operator", "add", "--email", email], {
        env: { ...env, EBILL_OPERATOR_PASSWORD: password },
        encoding: "utf8",
      });
      if (r.status !== 0) throw new Error(`ebill operator add failed (${r.status}): ${r.stderr}${r.stdout}`);
      return password;
    },
    async confirmationToken(to: string, timeoutMs = 10_000): Promise<string> {
      const mailDir = join(dir, "mail");
      let token: string | undefined;
      await waitFor(`a confirmation email to ${to}`, async () => {
        if (!existsSync(mailDir)) return false;
        for (const name of readdirSync(mailDir).sort()) {
          if (!name.endsWith(".eml") || name.startsWith(".")) continue;
          const text = decodeEml(readFileSync(join(mailDir, name), "utf8"));
          if (!text.toLowerCase().includes(to.toLowerCase())) continue;
          const m = /[?&]token=([A-Za-z0-9_\-.~%]+)/.exec(text);
          if (m?.[1]) token = decodeURIComponent(m[1]);
        }
        return token !== undefined;
      }, timeoutMs);
      return token!;
    },
    async smsCode(n: number, timeoutMs = 10_000): Promise<string> {
      const path = join(dir, "sms.jsonl");
      let code: string | undefined;
      await waitFor(`SMS number ${n}`, async () => {
        if (!existsSync(path)) return false;
        const lines = readFileSync(path, "utf8").split("\n").filter((l) => l.trim() !== "");
        if (lines.length < n) return false;
        const sms = JSON.parse(lines[n - 1]!) as { to: string; text: string; sent_at: string };
        code = /\b(\d{6})\b/.exec(sms.text)?.[1];
        if (code === undefined) throw new Error(`no 6-digit code in SMS: ${sms.text}`);
        return true;
      }, timeoutMs);
      return code!;
    },
    log,
    stop,
  };
}

/** The text of an .eml file: the headers, then each body part decoded when it is base64. */
function decodeEml(raw: string): string {
  const out: string[] = [];
  // Every "headers, blank line, body" block (the message itself and any MIME parts).
  const blocks = raw.split(/\r?\n--[^\r\n]*\r?\n/);
  for (const block of blocks) {
    const m = /\r?\n\r?\n/.exec(block);
    if (m === null) {
      out.push(block);
      continue;
    }
    const headers = block.slice(0, m.index);
    const body = block.slice(m.index + m[0].length);
    out.push(headers);
    if (/content-transfer-encoding:\s*base64/i.test(headers)) {
      out.push(Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8"));
    } else {
      out.push(body.replace(/=\r?\n/g, "")); // undo quoted-printable soft breaks, enough for a URL
    }
  }
  return out.join("\n");
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

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

function tail(text: string, lines = 40): string {
  return text.split("\n").slice(-lines).join("\n");
}
