"""Schemathesis hooks of the contract run (.ci/contract loads them with SCHEMATHESIS_HOOKS).

1. Idempotency-Key. The spec asks for a new key with each new request; a generated key is made unique
   (a suffix added), so that two different generated requests never share one: the second would be
   refused, rightly, with 422 `idempotency_key_reused`. Keys the schema refuses are left as they are.

2. positive_data_acceptance ("a request the schema admits is accepted"). The spec states what the
   server accepts as patterns, formats, enums, lengths and `if`/`then`/`dependentSchemas`; what no
   schema can state is said in the descriptions of the fields, and exactly those refusals are dropped
   here: a 422 `validation_failed` whose *every* field error is one of the rules below (anything else
   in the same answer still fails the check), and the contract's answers to an unknown secret.

   - CHECK_DIGITS: the check digits of INN and OGRN, the control keys of bank accounts against the
     BIK, the Luhn digit of payer codes (issue 18: the one accepted exception).
   - SERVER_STATE: values only the server's state can judge, whose refusal the contract (api-v1.md)
     fixes as a 422: the token of an emailed link, the current password, a link code, an SMS code
     (`wrong_code`), a verification that is gone (410), a charge's account that was never uploaded, a
     webhook host that resolves inward.
     Schemathesis itself exempts the same kind of refusal (wrong credentials) on the token endpoint.
   - UNIQUE_KEYS: a batch names each account (and each account and service) once; JSON Schema's
     `uniqueItems` compares whole items, not a key of them.
   - CROSS_PARAMETER: a premises is not merged into itself (the path against the body).
   - The authorization endpoint's error page (400) for a client_id that is no app's, or a redirect URI
     the app did not register: RFC 6749 §4.1.2.1 forbids redirecting those back.
"""

import json
import re
import uuid

import schemathesis

CHECK_DIGITS = [
    (r"inn", "must be 10 or 12 digits with valid check digits"),
    (r"ogrn", "must be 13 (OGRN) or 15 (OGRNIP) digits with a valid check digit"),
    (r"bank\.account", "must be 20 digits whose key digit matches the BIK"),
    (r"bank\.correspondent_account", "must be the bank's 30101… account matching the BIK"),
    (r"payer_code", "must be the 10-digit payer code from the bill"),
    (r"into_payer_code", "is not a valid payer code"),
]

# A relation between the path and the body: a premises is not merged into itself.
CROSS_PARAMETER = [
    (r"into_payer_code", "is the premises being merged"),
]

SERVER_STATE = [
    (r"token", "is unknown, used or expired; ask for a new link"),
    (r"current_password", "is wrong"),
    (r"link_code", "does not match this payer code (or was used, or has expired)"),
    (r"code", "is wrong"),
    (r"items\[\d+\]\.account_number", "not an account of this provider (send it with PUT /v1/providers/me/accounts first)"),
    (r"webhook_url", re.compile(r"must point at a public address \(.*\)")),
]

UNIQUE_KEYS = [
    (r"accounts\[\d+\]\.number", re.compile(r"repeats accounts\[\d+\]\.number")),
    (r"items\[\d+\]\.service\.code", re.compile(r"repeats the account and service of items\[\d+\]")),
]

RULES = [(re.compile(field + r"$"), message) for field, message in CHECK_DIGITS + SERVER_STATE + UNIQUE_KEYS + CROSS_PARAMETER]

# A verification that has been confirmed, replaced by a newer one, or has died is gone (410), as the
# contract says; the generated requests cannot know which are still pending.
GONE = {"verification_expired", "verification_dead", "verification_superseded", "verification_used"}

AUTHORIZE_PAGES = [
    "invalid_client — there is no app with this client_id",
    "invalid_request — redirect_uri is not one the app registered",
]

VALID_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")


@schemathesis.hook
def before_call(context, case, **kwargs):
    for name in list(case.headers or {}):
        value = case.headers[name]
        if name.lower() == "idempotency-key" and isinstance(value, str) and VALID_KEY.match(value):
            case.headers[name] = f"{value[:200]}.{uuid.uuid4().hex}"


def _matches(error):
    field, message = error.get("field", ""), error.get("message", "")
    for pattern, expected in RULES:
        if pattern.match(field):
            if isinstance(expected, str) and message == expected:
                return True
            if not isinstance(expected, str) and expected.fullmatch(message):
                return True
    return False


def _tolerated(case, response):
    if response.status_code == 400 and case.operation.path == "/v1/oauth/authorize":
        text = response.content.decode("utf-8", "replace")
        return any(page in text for page in AUTHORIZE_PAGES)
    if response.status_code not in (410, 422):
        return False
    try:
        problem = json.loads(response.content)
    except ValueError:
        return False
    if problem.get("code") in GONE and response.status_code == 410:
        return True
    if problem.get("code") == "wrong_code":
        return True
    errors = problem.get("errors") or []
    return problem.get("code") == "validation_failed" and bool(errors) and all(_matches(e) for e in errors)


@schemathesis.hook
def filter_failure(context, failure, case, response):
    if "positive_data_acceptance" not in getattr(failure, "checks", ()):
        return True
    return not _tolerated(case, response)
