"""A third-party app acting for a resident, as its developers would write it: Python's authlib
(authorization code with PKCE S256, a loopback redirect URI with a port of its own, RFC 8252) against the
running server, and the resident's part in Chromium: the cabinet's login, the consent page, «Разрешить»
or «Отказать», and taking the access back on the profile page."""

import http.server
import threading

from authlib.common.security import generate_token
from authlib.integrations.requests_client import OAuth2Session

from conftest import free_port, shot

RESIDENT = "anna@demo.ebill"
PASSWORD = "demo-resident-2021"


class Loopback:
    """The app's redirect listener on 127.0.0.1: it records the request the browser is sent to."""

    def __init__(self):
        self.port = free_port()
        self.uri = f"http://127.0.0.1:{self.port}/callback"
        self.received: list[str] = []
        received = self.received

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                received.append(f"http://127.0.0.1:{self.server.server_port}{self.path}")
                self.send_response(200)
                self.send_header("content-type", "text/plain; charset=utf-8")
                self.end_headers()
                self.wfile.write("Можно вернуться в приложение.".encode())

            def log_message(self, *args):
                pass

        self.server = http.server.HTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def redirect(self) -> str:
        """The last redirect the browser brought (not its favicon request)."""
        return [url for url in self.received if url.startswith(f"{self.uri}?")][-1]

    def close(self):
        self.server.shutdown()


def register_app(server, name: str) -> str:
    body = {"name": name, "type": "public", "redirect_uris": ["http://127.0.0.1/callback"]}
    status, app = server.api("POST", "/v1/apps", body=body, token=server.operator_token())
    assert status == 201, app
    return app["client_id"]


def start(server, client_id: str, loopback: Loopback, scope: str):
    """The app's side up to the browser: an authlib session, a verifier, the authorization URL."""
    session = OAuth2Session(client_id, redirect_uri=loopback.uri, scope=scope, code_challenge_method="S256", token_endpoint_auth_method="none")
    verifier = generate_token(64)
    url, state = session.create_authorization_url(f"{server.url}/v1/oauth/authorize", code_verifier=verifier)
    return session, verifier, url, state


def sign_in(page):
    page.get_by_label("Электронная почта").fill(RESIDENT)
    page.get_by_label("Пароль").fill(PASSWORD)
    page.get_by_role("button", name="Войти").click()


def test_an_app_gets_documents_with_pkce_and_the_resident_takes_it_back(server, page):
    client_id = register_app(server, "Мой дом")
    loopback = Loopback()
    session, verifier, url, state = start(server, client_id, loopback, "documents:read addresses:read")
    try:
        page.goto(url)
        assert "/login?next=" in page.url
        shot(page, "30-app-login")
        sign_in(page)
        page.get_by_role("heading", name="Приложение «Мой дом» просит доступ").wait_for()
        assert page.get_by_text("видеть ваши квитанции и ЕПД").is_visible()
        assert page.get_by_text("видеть ваши адреса и способ получения квитанций по каждому").is_visible()
        shot(page, "31-app-consent")
        page.get_by_role("button", name="Разрешить").click()
        page.wait_for_url(f"{loopback.uri}?*")
        assert page.get_by_text("Можно вернуться в приложение.").is_visible()
        redirected = loopback.redirect()
        assert f"state={state}" in redirected

        token = session.fetch_token(f"{server.url}/v1/oauth/token", authorization_response=redirected, code_verifier=verifier)
        assert token["scope"] == "addresses:read documents:read"
        documents = session.get(f"{server.url}/v1/me/documents")
        assert documents.status_code == 200, documents.text
        assert documents.json()["data"], "the demo resident's documents"
        addresses = session.get(f"{server.url}/v1/me/addresses").json()["data"]
        assert addresses
        refused = session.get(f"{server.url}/v1/me")
        assert refused.status_code == 403 and refused.json()["code"] == "insufficient_scope"
        assert refused.headers["www-authenticate"] == 'Bearer error="insufficient_scope", scope="profile:read"'

        # Refresh rotates for the app (authlib sends its client_id).
        renewed = session.refresh_token(f"{server.url}/v1/oauth/token", refresh_token=token["refresh_token"])
        assert renewed["access_token"] != token["access_token"]
        assert session.get(f"{server.url}/v1/me/documents").status_code == 200

        # The resident takes it back on the profile page.
        page.goto(f"{server.url}/profile")
        section = page.locator("section", has=page.get_by_role("heading", name="Приложения с доступом"))
        assert section.get_by_role("heading", name="Мой дом").is_visible()
        section.scroll_into_view_if_needed()
        shot(page, "32-profile-apps")
        section.get_by_role("button", name="Отозвать доступ").click()
        assert page.get_by_text("Доступ приложения отозван.").is_visible()
        assert session.get(f"{server.url}/v1/me/documents").status_code == 401
    finally:
        session.close()  # no idle keep-alive connection left to hold the server's stop
        loopback.close()


def test_declining_and_a_forged_redirect(server, page):
    client_id = register_app(server, "Квитанции")
    loopback = Loopback()
    try:
        _, _, url, state = start(server, client_id, loopback, "documents:read")
        page.goto(url)
        if "/login" in page.url:
            sign_in(page)
        page.get_by_role("button", name="Отказать").click()
        page.wait_for_url(f"{loopback.uri}?*")
        assert "error=access_denied" in loopback.redirect() and f"state={state}" in loopback.redirect()

        # A redirect URI the app did not register: a page here, the browser never leaves.
        forged = url.replace(loopback.uri.replace(":", "%3A").replace("/", "%2F"), "https%3A%2F%2Fevil.example.org%2Fcb")
        assert forged != url
        page.goto(forged)
        assert page.url.startswith(server.url)
        assert page.get_by_role("heading", name="Приложение не удалось подключить").is_visible()
        shot(page, "33-app-bad-request")
    finally:
        loopback.close()
