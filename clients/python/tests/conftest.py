"""Starts the real ebill server on a fresh SQLite database for the smoke test, and stops it after."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

OPERATOR_EMAIL = "ops@agent.example"
OPERATOR_PASSWORD = "operator-secret-1"


@dataclass(frozen=True)
class Server:
    base_url: str
    binary: Path
    env: dict[str, str]
    log: Path
    operator_email: str = OPERATOR_EMAIL
    operator_password: str = OPERATOR_PASSWORD


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    binary = Path(os.environ.get("EBILL_BIN") or Path.home() / ".cache/ebill-target/debug/ebill")
    if not binary.is_file():
        pytest.fail(f"no server binary at {binary} (build it with `cargo build`, or set EBILL_BIN)")
    tmp = tmp_path_factory.mktemp("ebill")
    port = _free_port()
    env = {
        **os.environ,
        "EBILL_DATABASE_URL": f"sqlite://{tmp}/ebill.db",
        "EBILL_BIND": f"127.0.0.1:{port}",
        "EBILL_PUBLIC_URL": f"http://127.0.0.1:{port}",
        "EBILL_RATE_LIMITS": "off",
        "EBILL_MAIL": f"dir:{tmp}/mail",
        "EBILL_SMS": f"file:{tmp}/sms.jsonl",
        "EBILL_JWT_SECRET": "smoke-test-secret-of-at-least-32-characters",
        "EBILL_OUTBOX_POLL_MS": "50",
        "EBILL_SHUTDOWN_TIMEOUT": "2",
        "RUST_LOG": os.environ.get("RUST_LOG", "info"),
    }
    base_url = f"http://127.0.0.1:{port}"
    log = tmp / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen([str(binary), "serve"], env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                pytest.fail(f"the server exited with {process.returncode}:\n{_tail(log)}")
            try:
                if httpx.get(f"{base_url}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"the server was not ready within 60 s:\n{_tail(log)}")
            time.sleep(0.1)

        added = subprocess.run(
            [str(binary), "operator", "add", "--email", OPERATOR_EMAIL],
            env={**env, "EBILL_OPERATOR_PASSWORD": OPERATOR_PASSWORD},
            check=False,
            capture_output=True,
            text=True,
            timeout=60,
        )
        if added.returncode != 0:
            pytest.fail(f"`ebill operator add` failed:\n{added.stdout}{added.stderr}")

        yield Server(base_url=base_url, binary=binary, env=env, log=log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
