"""Starts the real ebill server on a fresh SQLite database for the live tests, and stops it after; reads
the mail and SMS it sends (into files); receives its webhooks on 127.0.0.1."""

from __future__ import annotations

import contextlib
import email
import email.policy
import http.server
import json
import os
import queue
import re
import shutil
import socket
import subprocess
import sys
import sysconfig
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest

from ebill_client.models import BankDetails, CreateProviderRequest

OPERATOR_EMAIL = "ops@agent.example"
OPERATOR_PASSWORD = "operator-secret-1"
T = TypeVar("T")


@dataclass(frozen=True)
class Server:
    base_url: str
    binary: Path
    env: dict[str, str]
    log: Path
    dir: Path
    operator_email: str = OPERATOR_EMAIL
    operator_password: str = OPERATOR_PASSWORD


def registration(**changes: str) -> CreateProviderRequest:
    fields = {
        "name": "МУП «Водоканал»",
        "inn": "1901067718",
        "kpp": "190101001",
        "ogrn": "1027700132195",
        "email": "billing@vodokanal.example",
        "phone": "+7 3902 22-33-44",
        **changes,
    }
    bank = BankDetails(
        name="ПАО Сбербанк",
        bik="044525225",
        account="40702810438000060473",
        correspondent_account="30101810400000000225",
    )
    return CreateProviderRequest(bank=bank, **fields)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


@contextlib.contextmanager
def start_server(tmp: Path) -> Iterator[Server]:
    """The real server on a fresh SQLite database in ``tmp``, with an operator; stopped on exit."""
    binary = Path(os.environ.get("EBILL_BIN") or Path.home() / ".cache/ebill-target/debug/ebill")
    if not binary.is_file():
        pytest.fail(f"no server binary at {binary} (build it with `cargo build`, or set EBILL_BIN)")
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
        # The tests' webhook receivers listen on 127.0.0.1 (a test-only setting).
        "EBILL_WEBHOOK_ALLOW_PRIVATE": "true",
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

        yield Server(base_url=base_url, binary=binary, env=env, log=log, dir=tmp)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server for the session's provider story."""
    with start_server(tmp_path_factory.mktemp("ebill")) as started:
        yield started


@pytest.fixture
def own_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server of the test's own (its registrations cannot collide with another test's)."""
    with start_server(tmp_path_factory.mktemp("ebill")) as started:
        yield started


def wait_for(what: str, check: Callable[[], T | None], timeout: float = 15.0) -> T:
    deadline = time.monotonic() + timeout
    while True:
        found = check()
        if found is not None:
            return found
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.05)


def confirmation_token(server: Server, to: str) -> str:
    """The token of the last email-confirmation link mailed to ``to``."""

    def find() -> str | None:
        token = None
        for path in sorted((server.dir / "mail").glob("*.eml")):
            message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            if to.lower() not in str(message["To"]).lower():
                continue
            for part in message.walk():
                if part.get_content_maintype() == "text":
                    match = re.search(r"[?&]token=([A-Za-z0-9_\-.~%]+)", str(part.get_content()))
                    token = urllib.parse.unquote(match.group(1)) if match else token
        return token

    return wait_for(f"a confirmation email to {to}", find)


def sms_code(server: Server, n: int) -> str:
    """The 6-digit code of the ``n``-th SMS (1-based) sent so far."""

    def find() -> str | None:
        path = server.dir / "sms.jsonl"
        lines = [line for line in path.read_text().splitlines() if line.strip()] if path.exists() else []
        if len(lines) < n:
            return None
        match = re.search(r"\b(\d{6})\b", json.loads(lines[n - 1])["text"])
        assert match, lines[n - 1]
        return match.group(1)

    return wait_for(f"SMS number {n}", find)


@dataclass(frozen=True)
class Delivery:
    """A request the webhook receiver got."""

    path: str
    headers: dict[str, str]
    body: bytes


class WebhookReceiver:
    """A provider's webhook endpoint on 127.0.0.1: records every POST and answers 204."""

    def __init__(self) -> None:
        self.received: queue.Queue[Delivery] = queue.Queue()
        received = self.received

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length") or 0))
                headers = {k.lower(): v for k, v in self.headers.items()}
                received.put(Delivery(self.path, headers, body))
                self.send_response(204)
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}/ebill/events"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()

    def next(self, timeout: float = 15.0) -> Delivery:
        try:
            return self.received.get(timeout=timeout)
        except queue.Empty:
            pytest.fail(f"no webhook within {timeout} s")

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


@pytest.fixture
def webhook_receiver() -> Iterator[WebhookReceiver]:
    receiver = WebhookReceiver()
    try:
        yield receiver
    finally:
        receiver.close()


@dataclass(frozen=True)
class Installed:
    """The client as a user gets it: the wheel, installed into a virtualenv of its own."""

    wheel: Path
    python: Path


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """Builds the wheel from this folder (offline: setuptools from requirements-dev.txt) and installs it,
    without its dependencies, into a fresh virtualenv that borrows httpx and attrs from the test's own."""
    here = Path(__file__).resolve().parent.parent
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"  # a copy, so the build leaves nothing (build/, *.egg-info) in the work tree
    shutil.copytree(here, source, ignore=shutil.ignore_patterns("tests", "__pycache__", "build", "*.egg-info"))
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q"]
        + ["--disable-pip-version-check", "-w", str(tmp / "dist"), str(source)],
        check=True,
    )
    (wheel,) = (tmp / "dist").glob("ebill_client-*.whl")
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # httpx, attrs and the rest come from the test's virtualenv (nothing is downloaded)…
    ours = sysconfig.get_path("purelib")
    (Path(site) / "ebill-test-deps.pth").write_text(ours + "\n")
    # …and the wheel is installed by the test's pip into the new one.
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "-q"]
        + ["--disable-pip-version-check", str(wheel)],
        check=True,
    )
    return Installed(wheel=wheel, python=python)
