"""A document's signature checked as a bank or an app would: with an independent JOSE library (joserfc)
and nothing but the agent's published JWKS."""

import base64
import json

from joserfc import jws
from joserfc.errors import BadSignatureError
from joserfc.jwk import KeySet


def test_documents_verify_from_the_jwks_alone(server):
    status, login = server.api(
        "POST", "/v1/oauth/token", form={"grant_type": "password", "username": "anna@demo.ebill", "password": "demo-resident-2021"}
    )
    assert status == 200, login
    token = login["access_token"]
    status, page = server.api("GET", "/v1/me/documents", token=token)
    assert status == 200 and page["data"], page
    status, document = server.api("GET", f"/v1/me/documents/{page['data'][0]['id']}", token=token)
    assert status == 200, document
    status, jwks = server.api("GET", "/.well-known/jwks.json")
    assert status == 200, jwks

    keys = KeySet.import_key_set(jwks)
    verified = jws.deserialize_compact(document["signed"], keys, algorithms=["EdDSA"])
    assert verified.headers()["kid"] in {k["kid"] for k in jwks["keys"]}
    payload = json.loads(verified.payload)
    assert payload["verification_code"] == document["verification_code"]
    assert payload["total"] == document["total"]
    assert payload["payer_code"] == document["payer_code"]
    assert [line["total"] for line in payload["lines"]] == [line["total"] for line in document["lines"]]

    header, body, signature = document["signed"].split(".")
    forged = json.dumps({**payload, "total": 1}).encode()
    forged_body = base64.urlsafe_b64encode(forged).rstrip(b"=").decode()
    try:
        jws.deserialize_compact(f"{header}.{forged_body}.{signature}", keys, algorithms=["EdDSA"])
        raise AssertionError("a forged document verified")
    except BadSignatureError:
        pass
