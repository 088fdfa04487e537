"""The server under test: `ebill demo` then `ebill serve` on a fresh database, with the mail and SMS
sinks of development (a folder of .eml files, a file of JSON lines) to read links and codes from."""

import email
import email.policy
import json
import os
import pathlib
import re
import secrets
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from playwright.sync_api import sync_playwright

BIN = os.environ.get("EBILL_BIN", str(pathlib.Path.home() / ".cache/ebill-target/debug/ebill"))
CHROMIUM = os.environ.get("EBILL_CHROMIUM", "/usr/bin/chromium")
SHOTS = pathlib.Path(os.environ.get("EBILL_SCREENSHOTS", pathlib.Path(__file__).parents[2] / "target/browser-screenshots"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A running ebill with its sinks."""

    def __init__(self, root: pathlib.Path, database_url: str):
        self.root = root
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = dict(
            os.environ,
            EBILL_DATABASE_URL=database_url,
            EBILL_BIND=f"127.0.0.1:{self.port}",
            EBILL_PUBLIC_URL=f"{self.url}/",
            EBILL_MAIL=f"dir:{root / 'mail'}",
            EBILL_SMS=f"file:{root / 'sms.jsonl'}",
            RUST_LOG="warn",
            # Chromium keeps idle connections open: the stop waits this long for them, not the 10 s default.
            EBILL_SHUTDOWN_TIMEOUT="2",
            # One SMS a minute per phone would make the story wait; the limit itself is tested in Rust.
            EBILL_RATE_LIMITS="on,sms_per_minute=5/m,sms_per_hour=30/h",
        )
        subprocess.run([BIN, "demo"], env=self.env, check=True, capture_output=True)
        self.log = open(root / "server.log", "w")
        self.process = subprocess.Popen([BIN, "serve"], env=self.env, stdout=self.log, stderr=self.log)
        deadline = time.time() + 30
        while True:
            try:
                urllib.request.urlopen(f"{self.url}/readyz", timeout=1)
                break
            except (urllib.error.URLError, ConnectionError):
                if time.time() > deadline:
                    raise RuntimeError((root / "server.log").read_text())
                time.sleep(0.2)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
        self.log.close()

    def api(self, method: str, path: str, body: dict | None = None, token: str | None = None, form: dict | None = None):
        """(status, JSON body) of an API call."""
        headers = {}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["content-type"] = "application/json"
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            headers["content-type"] = "application/x-www-form-urlencoded"
        if token:
            headers["authorization"] = f"Bearer {token}"
        request = urllib.request.Request(f"{self.url}{path}", data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as reply:
                text = reply.read().decode()
                return reply.status, (json.loads(text) if text else None)
        except urllib.error.HTTPError as e:
            text = e.read().decode()
            return e.code, (json.loads(text) if text.startswith("{") else text)

    def operator_token(self) -> str:
        status, body = self.api("POST", "/v1/oauth/token", form={"grant_type": "password", "username": "operator@demo.ebill", "password": "demo-operator-2021"})
        assert status == 200, body
        return body["access_token"]

    def mails(self, to: str) -> list[email.message.EmailMessage]:
        folder = self.root / "mail"
        found = []
        for path in sorted(folder.glob("*.eml")) if folder.exists() else []:
            message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            if to in str(message["To"]):
                found.append(message)
        return found

    def link_in_mail(self, to: str, subject: str, path: str) -> str:
        """The link to `path` in the newest mail to `to` with `subject` (waiting for it to arrive)."""
        deadline = time.time() + 15
        while time.time() < deadline:
            for message in reversed(self.mails(to)):
                if message["Subject"] == subject:
                    body = message.get_body(preferencelist=("plain",)).get_content()
                    for word in body.split():
                        if f"/{path}?token=" in word:
                            return word
            time.sleep(0.2)
        raise AssertionError(f"no «{subject}» mail to {to}")

    def links(self) -> list[str]:
        """Every link to this server in every email and SMS sent so far."""
        texts = []
        folder = self.root / "mail"
        for path in sorted(folder.glob("*.eml")) if folder.exists() else []:
            message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            texts.append(message.get_body(preferencelist=("plain",)).get_content())
        path = self.root / "sms.jsonl"
        texts += [json.loads(line)["text"] for line in path.read_text().splitlines()] if path.exists() else []
        return sorted({word.rstrip(".,;)") for text in texts for word in text.split() if word.startswith(self.url)})

    def sms_code(self, to: str, seen: int) -> str:
        """The code of the SMS to `to` after the first `seen` codes (waiting for it); notices, which
        carry no 6-digit code, are skipped."""
        deadline = time.time() + 15
        while time.time() < deadline:
            path = self.root / "sms.jsonl"
            lines = [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []
            codes = [m.group(0) for line in lines if line["to"] == to for m in [re.search(r"\b\d{6}\b", line["text"])] if m]
            if len(codes) > seen:
                return codes[seen]
            time.sleep(0.2)
        raise AssertionError(f"no SMS code to {to}")


@pytest.fixture(scope="module")
def server():
    with tempfile.TemporaryDirectory() as tmp:
        root = pathlib.Path(tmp)
        admin = os.environ.get("TEST_DATABASE_URL")
        scratch = None
        if admin:
            scratch = f"ebill_browser_{secrets.token_hex(4)}"
            subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {scratch}"], check=True)
            database_url = admin.rsplit("/", 1)[0] + f"/{scratch}"
        else:
            database_url = f"sqlite://{root / 'ebill.db'}"
        running = Server(root, database_url)
        try:
            yield running
        finally:
            running.stop()
            if scratch:
                subprocess.run(["psql", admin, "-qc", f"DROP DATABASE {scratch} WITH (FORCE)"], check=True)


@pytest.fixture(scope="module")
def browser():
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage"])
        yield chromium
        chromium.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.failed_report = report
    return report


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="ru-RU")
    page = context.new_page()
    yield page
    report = getattr(request.node, "failed_report", None)
    if report is not None and report.failed:
        shot(page, f"failed-{request.node.name}")
        (SHOTS / f"failed-{request.node.name}.html").write_text(page.content())
    context.close()


def shot(page, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
