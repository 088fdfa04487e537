"""The README's provider integration, run as written from the installed wheel against a live server, as a
new provider would: step 1 registers, the operator approves, step 2 uploads accounts and pushes charges,
step 3's webhook handler takes a signed event and refuses an altered one. The wheel's contents and its
types (mypy --strict over the README's code, against the installed packages) are checked too."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from conftest import Installed, Server

from ebill_client.api.charges import list_charges
from ebill_client.api.providers import approve_provider
from ebill_client_extras import paginate, password_client, provider_client, unwrap

README = Path(__file__).resolve().parent.parent / "README.md"


def blocks() -> dict[str, str]:
    """The ```python blocks of the README, by the ### heading they are under."""
    found: dict[str, str] = {}
    heading = ""
    for match in re.finditer(r"^### ([^\n]+)$|^```python\n(.*?)^```$", README.read_text(), re.MULTILINE | re.DOTALL):
        if match.group(1):
            heading = match.group(1).strip()
        else:
            found[heading] = match.group(2)
    return found


REGISTER, PUSH, WEBHOOKS = "1. Register (once)", "2. Upload the accounts, then push the charges", "3. Receive webhooks"


def run(installed: Installed, tmp_path: Path, name: str, env: dict[str, str]) -> str:
    script = tmp_path / f"{name.split('.')[0]}.py"
    script.write_text(blocks()[name])
    done = subprocess.run(
        [str(installed.python), str(script)],
        check=False,
        env={**os.environ, **env},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, f"README step {name!r} failed:\n{done.stdout}{done.stderr}"
    return done.stdout


def test_the_wheel_ships_both_packages_typed(installed: Installed) -> None:
    names = zipfile.ZipFile(installed.wheel).namelist()
    assert "ebill_client/py.typed" in names
    assert "ebill_client_extras/py.typed" in names
    assert "ebill_client_extras/webhooks.py" in names
    assert not [n for n in names if n.startswith("tests/")]


def test_the_readme_blocks_type_check_against_the_installed_wheel(installed: Installed, tmp_path: Path) -> None:
    for i, code in enumerate(blocks().values()):
        (tmp_path / f"block{i}.py").write_text(code)
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir=/dev/null"]
        + ["--python-executable", str(installed.python), "--config-file=", str(tmp_path)],
        check=False,
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_readme_integration_runs_as_written(installed: Installed, own_server: Server, tmp_path: Path) -> None:
    assert set(blocks()) >= {REGISTER, PUSH, WEBHOOKS}
    env = {"EBILL_URL": own_server.base_url}

    # 1. Registration prints the credentials to keep.
    out = run(installed, tmp_path, REGISTER, env)
    creds = dict(re.findall(r"^(EBILL_[A-Z_]+)=(\S+)$", out, re.MULTILINE))
    assert set(creds) == {"EBILL_CLIENT_ID", "EBILL_CLIENT_SECRET", "EBILL_WEBHOOK_SECRET"}, out
    provider_id, status = out.split()[:2]
    assert (provider_id[:4], status) == ("prv_", "pending")
    env.update(creds)

    # The agent's operator approves the provider (what the README says happens between the steps).
    with password_client(own_server.base_url, own_server.operator_email, own_server.operator_password) as operator:
        unwrap(approve_provider.sync_detailed(provider_id, client=operator))

    # 2. Accounts, then charges: twice, as a provider resending a batch would; the second push is replayed.
    for _ in range(2):
        out = run(installed, tmp_path, PUSH, env)
        assert f"{provider_id} active" in out
        assert re.search(r"^1001 cold_water 22032$", out, re.MULTILINE) and re.search(
            r"^1002 cold_water 12711$", out, re.MULTILINE
        )
    assert "accounts: 0 new, 0 changed, 2 unchanged" in out
    with provider_client(own_server.base_url, creds["EBILL_CLIENT_ID"], creds["EBILL_CLIENT_SECRET"]) as api:
        charges = list(paginate(list_charges.sync_detailed, client=api, period="2021-08"))
    assert sorted((c.account_number, c.amount) for c in charges) == [("1001", 22032), ("1002", 12711)]

    # 3. The handler accepts an event signed as the server signs, refuses it altered or too old.
    namespace: dict[str, object] = {}
    os.environ["EBILL_WEBHOOK_SECRET"] = creds["EBILL_WEBHOOK_SECRET"]
    try:
        exec(compile(blocks()[WEBHOOKS], "README step 3", "exec"), namespace)  # noqa: S102 (our README's code)
    finally:
        del os.environ["EBILL_WEBHOOK_SECRET"]
    handle = namespace["handle_webhook"]
    assert callable(handle)
    event = {
        "id": "evt_1",
        "type": "account.delivery_changed",
        "created_at": "2021-08-20T10:00:00+00:00",
        "data": {"account_number": "1001", "payer_code": "1", "delivery": "electronic", "effective_from": "2021-08"},
    }
    body = json.dumps(event).encode()

    def signed(body: bytes, t: int) -> dict[str, str]:
        mac = hmac.new(creds["EBILL_WEBHOOK_SECRET"].encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()
        return {"webhook-id": "evt_1", "webhook-signature": f"t={t},v1={mac}"}

    now = int(time.time())
    assert handle(body, signed(body, now)) == 204
    assert handle(body.replace(b"1001", b"1002"), signed(body, now)) == 400
    assert handle(body, signed(body, now - 301)) == 400
    assert handle(body, {}) == 400
