"""The article's four steps in a browser, and back: register, confirm the email from the mail, log in,
open «Адреса», link the premises, switch to electronic receipts with the SMS code, see the receipt
under «Документы» after the operator's billing run, and return to paper. Then what must be refused:
a post without its CSRF token, a session replayed after logout, and a password reset link used twice."""

import re
import time
import urllib.error
import urllib.parse
import urllib.request

from conftest import shot

PAYER_CODE = "0000000026"  # a demo premises with no resident, of SGK (e-document capable) among others
EMAIL = "petrova@example.org"
PHONE = "+79131112233"
PASSWORD = "correct horse battery"


def assert_accessible(page) -> None:
    """Every id once, and every input with its label."""
    duplicates = page.evaluate("() => { const ids = [...document.querySelectorAll('[id]')].map(e => e.id); return ids.filter((id, i) => ids.indexOf(id) !== i); }")
    assert duplicates == [], duplicates
    unlabelled = page.evaluate("() => [...document.querySelectorAll('input:not([type=hidden])')].filter(i => !i.labels || i.labels.length === 0).map(i => i.name)")
    assert unlabelled == [], unlabelled
    assert page.evaluate("() => document.documentElement.lang") == "ru"


def register_and_log_in(server, page, email: str, phone: str, screenshots: bool = False) -> None:
    page.goto(f"{server.url}/register")
    page.get_by_label("Электронная почта").fill(email)
    page.get_by_label("Мобильный телефон").fill(phone)
    page.get_by_label("Имя (необязательно)").fill("Мария Петрова")
    page.get_by_label("Пароль (не короче 10 символов)").fill(PASSWORD)
    page.locator("#consent").check()
    if screenshots:
        shot(page, "01-register")
        assert_accessible(page)
    page.get_by_role("button", name="Зарегистрироваться").click()
    assert page.get_by_role("heading", name="Проверьте почту").is_visible()
    page.goto(server.link_in_mail(email, "Подтвердите адрес электронной почты", "confirm-email"))
    assert page.get_by_role("heading", name="Адрес подтверждён").is_visible()
    if screenshots:
        shot(page, "02-email-confirmed")
    page.goto(f"{server.url}/login")
    page.get_by_label("Электронная почта").fill(email)
    page.get_by_label("Пароль").fill(PASSWORD)
    page.get_by_role("button", name="Войти").click()
    page.wait_for_url(f"{server.url}/addresses")


def test_the_four_steps_and_back(server, page):
    operator = server.operator_token()
    status, issued = server.api("POST", f"/v1/premises/{PAYER_CODE}/link-codes", body={}, token=operator)
    assert status == 201, issued

    # 1. Register, confirm, log in.
    register_and_log_in(server, page, EMAIL, PHONE, screenshots=True)
    assert page.get_by_role("heading", name="Адреса", exact=True).is_visible()

    # 2. «Адреса»: link the premises with the payer code and the link code; a wrong code is named.
    page.get_by_label("Код плательщика").fill(PAYER_CODE)
    page.get_by_label("Код подключения").fill("AAAA-AAAA")
    page.get_by_role("button", name="Добавить").click()
    assert "не подходит" in page.locator("#link_code-error").inner_text()
    assert page.get_by_label("Код плательщика").input_value() == PAYER_CODE, "what was typed is kept"
    page.get_by_label("Код подключения").fill(issued["link_code"])
    page.get_by_role("button", name="Добавить").click()
    card = page.locator("section.card").first
    assert "ул." in card.locator("h2").inner_text()
    assert "бумажная" in card.inner_text()
    shot(page, "03-addresses")

    # 3. «Перейти на электронную квитанцию» with SMS notices; the code from the SMS.
    card.get_by_label("Получать информационные сообщения по смс").check()
    card.get_by_role("button", name="Перейти на электронную квитанцию").click()
    card = page.locator("section.card").first
    assert "Осталось попыток: 5" in card.inner_text()
    resend = card.get_by_role("button", name=re.compile("Отправить код ещё раз"))
    assert resend.is_disabled(), "the resend button waits out the per-minute limit"
    shot(page, "04-sms-code")
    assert_accessible(page)
    card.get_by_label("Код из SMS").fill("000000" if server.sms_code(PHONE, 0) != "000000" else "111111")
    card.get_by_role("button", name="Подтвердить").click()
    card = page.locator("section.card").first
    assert "Неверный код. Осталось попыток: 4" in card.inner_text()
    card.get_by_label("Код из SMS").fill(server.sms_code(PHONE, 0))
    card.get_by_role("button", name="Подтвердить").click()
    card = page.locator("section.card").first
    assert "электронная" in card.inner_text()
    assert "SMS-уведомления включены" in card.inner_text()
    card.locator("summary", has_text="История доставки").click()
    assert "бумажная → электронная, SMS включены" in card.inner_text()
    shot(page, "05-electronic")

    # 4. The operator runs the month; the e-receipt is under «Документы».
    status, run = server.api("POST", "/v1/billing-runs", body={"period": "2021-09"}, token=operator)
    assert status == 202, run
    deadline = time.time() + 60
    while server.api("GET", f"/v1/billing-runs/{run['id']}", token=operator)[1]["status"] == "running":
        assert time.time() < deadline, "the run did not finish"
        time.sleep(0.5)
    page.get_by_role("link", name="Документы").click()
    receipt = page.get_by_role("link", name="Электронная квитанция за 2021-09")
    assert receipt.count() >= 1
    shot(page, "06-documents")
    receipt.first.click()
    assert page.get_by_role("heading", name="Электронная квитанция за 2021-09").is_visible()
    assert "Код проверки подлинности" in page.content()
    qr = page.locator("img.qr").first
    qr.wait_for()
    assert page.evaluate("() => [...document.images].every(i => i.complete && i.naturalWidth > 0)"), "the QR images load"
    assert "QR-код для оплаты" in qr.get_attribute("alt")
    shot(page, "07-receipt")
    with page.expect_download() as download:
        page.get_by_role("link", name="Скачать PDF").click()
    pdf = download.value
    assert pdf.suggested_filename.startswith("e_receipt-2021-09-") and pdf.suggested_filename.endswith(".pdf")
    with open(pdf.path(), "rb") as f:
        assert f.read(5) == b"%PDF-", "the download is a PDF"

    # And back to paper, with the same SMS step.
    page.get_by_role("link", name="Адреса").click()
    card = page.locator("section.card").first
    card.get_by_role("button", name="Вернуться к бумажной квитанции").click()
    card = page.locator("section.card").first
    card.get_by_label("Код из SMS").fill(server.sms_code(PHONE, 1))
    card.get_by_role("button", name="Подтвердить").click()
    card = page.locator("section.card").first
    assert "бумажная" in card.inner_text()
    card.locator("summary", has_text="История доставки").click()
    assert "электронная → бумажная" in card.inner_text()
    shot(page, "08-back-to-paper")


def test_forms_without_their_csrf_token_change_nothing(server, page):
    register_and_log_in(server, page, "csrf@example.org", "+79131112234")
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    for token in ["", "forged-token-forged-token-forged-token"]:
        reply = page.request.post(f"{server.url}/addresses", form={"payer_code": PAYER_CODE, "link_code": "X", "csrf_token": token})
        assert reply.status == 403, reply.text()
        assert "ничего не изменено" in reply.text()
    # A page of another site cannot read the cookie either: it is HttpOnly and SameSite=Lax.
    jar = {c["name"]: c for c in page.context.cookies()}
    assert jar["ebill_session"]["httpOnly"] and jar["ebill_session"]["sameSite"] == "Lax"
    assert jar["ebill_csrf"]["httpOnly"]
    assert cookies["ebill_session"]


def test_a_session_ends_at_logout_and_cannot_be_replayed(server, page, browser):
    register_and_log_in(server, page, "replay@example.org", "+79131112235")
    stolen = [c for c in page.context.cookies() if c["name"] == "ebill_session"]
    page.get_by_role("button", name="Выйти").click()
    page.wait_for_url(f"{server.url}/login")
    thief = browser.new_context()
    thief.add_cookies(stolen)
    other = thief.new_page()
    other.goto(f"{server.url}/addresses")
    assert other.url == f"{server.url}/login", "the ended session opens nothing"
    thief.close()


def test_a_forgotten_password_is_reset_once(server, page):
    register_and_log_in(server, page, "forgot@example.org", "+79131112236")
    page.get_by_role("button", name="Выйти").click()
    page.goto(f"{server.url}/password-reset")
    page.get_by_label("Электронная почта").fill("forgot@example.org")
    page.get_by_role("button", name="Прислать ссылку").click()
    assert page.get_by_role("heading", name="Проверьте почту").is_visible()
    link = server.link_in_mail("forgot@example.org", "Восстановление пароля", "password-reset")
    page.goto(link)
    page.get_by_label("Новый пароль (не короче 10 символов)").fill("a brand new passphrase")
    page.get_by_role("button", name="Сохранить пароль").click()
    assert "Пароль изменён" in page.content()
    page.get_by_label("Электронная почта").fill("forgot@example.org")
    page.get_by_label("Пароль").fill("a brand new passphrase")
    page.get_by_role("button", name="Войти").click()
    page.wait_for_url(f"{server.url}/addresses")
    # The link worked once.
    page.goto(link)
    page.get_by_label("Новый пароль (не короче 10 символов)").fill("yet another passphrase")
    page.get_by_role("button", name="Сохранить пароль").click()
    assert "Ссылка устарела или уже использована" in page.content()


def test_a_wrong_login_says_the_same_for_any_email(server, page):
    page.goto(f"{server.url}/login")
    texts = []
    for email in ["anna@demo.ebill", "nobody@example.org"]:
        page.get_by_label("Электронная почта").fill(email)
        page.get_by_label("Пароль").fill("not the password")
        page.get_by_role("button", name="Войти").click()
        texts.append(page.get_by_role("alert").inner_text())
        assert page.get_by_label("Электронная почта").input_value() == email
        assert page.get_by_label("Пароль").input_value() == "", "a password is never shown back"
    assert texts[0] == texts[1] == "Неверный адрес электронной почты или пароль"
    assert urllib.parse.urlparse(page.url).path == "/login"
    urllib.request.urlopen(f"{server.url}/static/app.css").read()


def test_an_email_change_needs_the_password_and_tells_the_old_address(server, page):
    register_and_log_in(server, page, "change@example.org", "+79131112237")
    page.get_by_role("link", name="Профиль").click()
    email_form = page.locator("form[action='/profile/email']")
    email_form.get_by_label("Новый адрес").fill("moved@example.org")
    email_form.get_by_role("button", name="Сменить адрес").click()
    email_form = page.locator("form[action='/profile/email']")
    assert email_form.locator("#email_current_password-error").inner_text() == "Заполните это поле"
    assert email_form.get_by_label("Новый адрес").input_value() == "moved@example.org"
    email_form.get_by_label("Текущий пароль").fill(PASSWORD)
    email_form.get_by_role("button", name="Сменить адрес").click()
    assert "о смене сообщили на прежний" in page.content()
    shot(page, "09-profile")
    assert_accessible(page)
    deadline = time.time() + 15
    while not any(m["Subject"] == "Изменение данных личного кабинета" for m in server.mails("change@example.org")):
        assert time.time() < deadline, "no notice to the old address"
        time.sleep(0.2)
    page.goto(server.link_in_mail("moved@example.org", "Подтвердите адрес электронной почты", "confirm-email"))
    assert "moved@example.org подтверждён" in page.content()


def test_every_link_in_every_email_and_sms_opens_a_page(server):
    links = server.links()
    paths = {urllib.parse.urlparse(link).path.split("/")[1] for link in links}
    assert {"confirm-email", "password-reset", "documents", "check", "addresses"} <= paths, paths
    for link in links:
        try:
            with urllib.request.urlopen(link) as reply:
                status, kind = reply.status, reply.headers["content-type"]
        except urllib.error.HTTPError as e:
            status, kind = e.code, e.headers["content-type"]
        assert status not in (404, 500), f"{link}: {status}"
        assert kind.startswith("text/html"), f"{link}: {kind}"
