"""Identity providers and web identity federation through the store: OIDC and SAML
provider registration, the IdP's keys, and AssumeRoleWithWebIdentity with real signed
tokens (keys made here with cryptography, tokens signed with PyJWT; nothing mocked).

Pages: https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateOpenIDConnectProvider.html
(and its siblings), API_CreateSAMLProvider.html,
https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html,
https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_oidc.html (five
minutes of clock skew), reference_policies_iam-condition-keys.html#condition-keys-wif.
Real STS messages ("No OpenIDConnect provider found in your account for ...", "Incorrect
token audience") as captured in /tmp/research/credentials-facts.md.
"""

import base64
import json
import time

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from calls import error
from store import federation

ACCOUNT = "123456789012"
ISSUER = "https://idp.example.com"
PROVIDER_ARN = f"arn:aws:iam::{ACCOUNT}:oidc-provider/idp.example.com"
ROLE_ARN = f"arn:aws:iam::{ACCOUNT}:role/ci"
SAML_METADATA = (
    '<?xml version="1.0"?>\n'
    '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" '
    'entityID="https://sso.example.com/saml" validUntil="2030-01-01T00:00:00Z">\n'
    '  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">\n'
    '    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" '
    'Location="https://sso.example.com/saml/login"/>\n'
    + "    <!-- keys would be here -->\n" * 30 +
    '  </md:IDPSSODescriptor>\n</md:EntityDescriptor>\n')


@pytest.fixture(scope="module")
def rsa_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="module")
def ec_key():
    return ec.generate_private_key(ec.SECP256R1())


@pytest.fixture(scope="module")
def jwks(rsa_key, ec_key) -> str:
    keys = [{**json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(rsa_key.public_key())),
             "kid": "rsa-1", "use": "sig"},
            {**json.loads(jwt.algorithms.ECAlgorithm.to_jwk(ec_key.public_key())),
             "kid": "ec-1", "use": "sig"}]
    return json.dumps({"keys": keys})


def make_provider(store, url=ISSUER, client_ids=("app-1",), **params) -> str:
    return store.call("CreateOpenIDConnectProvider", {
        "Url": url, "ClientIDList": list(client_ids), **params})["OpenIDConnectProviderArn"]


@pytest.fixture
def provider(store, jwks) -> str:
    arn = make_provider(store, ThumbprintList=["a" * 40])
    federation.set_jwks(store, arn, jwks, store.identity("root"))
    return arn


def sign(key, claims=None, kid="rsa-1", algorithm="RS256", drop=(), issuer=ISSUER) -> str:
    now = int(time.time())
    body = {"iss": issuer, "sub": "repo:acme/app:ref:main", "aud": "app-1",
            "iat": now, "exp": now + 600, **(claims or {})}
    for claim in drop:
        body.pop(claim)
    return jwt.encode(body, key, algorithm=algorithm, headers={"kid": kid})


def web_trust(principal=PROVIDER_ARN, condition=None) -> str:
    statement = {"Effect": "Allow", "Principal": {"Federated": principal},
                 "Action": "sts:AssumeRoleWithWebIdentity"}
    if condition:
        statement["Condition"] = condition
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


@pytest.fixture
def role(store, provider) -> dict:
    return store.call("CreateRole", {"RoleName": "ci", "AssumeRolePolicyDocument": web_trust(
        condition={"StringEquals": {"idp.example.com:aud": "app-1"},
                   "StringLike": {"idp.example.com:sub": "repo:acme/*"}})})["Role"]


def web_identity(store, token, **params) -> dict:
    return store.call("AssumeRoleWithWebIdentity", {
        "RoleArn": ROLE_ARN, "RoleSessionName": "run-7", "WebIdentityToken": token,
        **params})


def refusal(store, token, **params):
    return error(lambda: web_identity(store, token, **params))


# --- OpenID Connect providers -------------------------------------------------------------

def test_create_and_get_an_oidc_provider(store):
    arn = make_provider(store, client_ids=["app-1", "app-2"], ThumbprintList=["b" * 40],
                        Tags=[{"Key": "team", "Value": "ci"}])
    assert arn == PROVIDER_ARN
    got = store.call("GetOpenIDConnectProvider", {"OpenIDConnectProviderArn": arn})
    assert list(got) == ["Url", "ClientIDList", "ThumbprintList", "CreateDate", "Tags"]
    assert got["Url"] == "idp.example.com"  # the AWS CLI's example shows it without https://
    assert (got["ClientIDList"], got["ThumbprintList"]) == (["app-1", "app-2"], ["b" * 40])
    assert got["Tags"] == [{"Key": "team", "Value": "ci"}]
    assert store.call("ListOpenIDConnectProviders") == {
        "OpenIDConnectProviderList": [{"Arn": arn}]}


def test_provider_url_with_a_path_is_part_of_the_arn(store):
    # e.g. arn:aws:iam::...:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/EXAMPLE
    assert make_provider(store, url="https://oidc.example.com/id/ABC") == \
        f"arn:aws:iam::{ACCOUNT}:oidc-provider/oidc.example.com/id/ABC"


def test_a_provider_is_registered_once(store):
    make_provider(store)
    assert error(lambda: make_provider(store)).code == "EntityAlreadyExists"


@pytest.mark.parametrize("url", ["http://idp.example.com", "https://idp.example.com:8443",
                                 "https://idp.example.com/?tenant=1", "https://", "idp.example.com"])
def test_provider_url_must_be_https_without_port_or_query(store, url):
    # "The URL must begin with https:// ... query parameters are not [allowed] ... The URL
    # should not contain a port number."
    assert error(lambda: make_provider(store, url=url)).code == "InvalidInput"


def test_client_ids_and_thumbprints(store):
    arn = make_provider(store)
    named = {"OpenIDConnectProviderArn": arn}
    for _ in range(2):  # "This operation is idempotent"
        store.call("AddClientIDToOpenIDConnectProvider", {**named, "ClientID": "app-2"})
    store.call("RemoveClientIDFromOpenIDConnectProvider", {**named, "ClientID": "app-1"})
    store.call("RemoveClientIDFromOpenIDConnectProvider", {**named, "ClientID": "absent"})
    store.call("UpdateOpenIDConnectProviderThumbprint", {**named, "ThumbprintList": ["c" * 40]})
    got = store.call("GetOpenIDConnectProvider", named)
    assert (got["ClientIDList"], got["ThumbprintList"]) == (["app-2"], ["c" * 40])
    err = error(lambda: store.call("UpdateOpenIDConnectProviderThumbprint", {
        **named, "ThumbprintList": [str(i) * 40 for i in range(6)]}))
    assert err.code == "LimitExceeded"  # "up to five thumbprints"
    assert error(lambda: store.call("UpdateOpenIDConnectProviderThumbprint", {
        **named, "ThumbprintList": ["short"]})).code == "ValidationError"


def test_delete_is_idempotent(store):
    # "it does not fail or return an error if you call the operation for a provider that
    # does not exist"
    arn = make_provider(store)
    for _ in range(2):
        store.call("DeleteOpenIDConnectProvider", {"OpenIDConnectProviderArn": arn})
    err = error(lambda: store.call("GetOpenIDConnectProvider", {"OpenIDConnectProviderArn": arn}))
    assert (err.code, err.message) == ("NoSuchEntity",
                                       f"OpenIDConnect Provider not found for arn {arn}")


def test_creating_a_provider_is_authorized(store):
    store.call("CreateUser", {"UserName": "ops"})
    ops = store.identity("ops")
    err = error(lambda: store.call("CreateOpenIDConnectProvider", {"Url": ISSUER}, ops))
    assert err.code == "AccessDenied" and f"on resource: {PROVIDER_ARN}" in err.message
    store.call("PutUserPolicy", {"UserName": "ops", "PolicyName": "idp", "PolicyDocument":
                                 json.dumps({"Version": "2012-10-17", "Statement": [{
                                     "Effect": "Allow",
                                     "Action": "iam:CreateOpenIDConnectProvider",
                                     "Resource": f"arn:aws:iam::{ACCOUNT}:oidc-provider/*"}]})})
    assert store.call("CreateOpenIDConnectProvider", {"Url": ISSUER}, ops)


# --- the IdP's keys -----------------------------------------------------------------------

def test_jwks_holds_public_keys_only(store, rsa_key):
    arn = make_provider(store)
    root = store.identity("root")
    private = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(rsa_key))
    for text in ("not json", '{"keys": []}', json.dumps({"keys": [{"kty": "oct", "k": "AA"}]}),
                 json.dumps({"keys": [{**private, "kid": "x"}]}),
                 json.dumps({"keys": [{"kty": "RSA", "n": "AQAB", "e": "AQAB", "kid": "a"},
                                      {"kty": "RSA", "n": "AQAB", "e": "AQAB", "kid": "a"}]})):
        assert error(lambda text=text: federation.set_jwks(store, arn, text, root)).code == \
            "InvalidInput"


def test_setting_keys_is_authorized_and_audited(store, jwks):
    arn = make_provider(store)
    store.call("CreateUser", {"UserName": "ops"})
    ops = store.identity("ops")
    err = error(lambda: federation.set_jwks(store, arn, jwks, ops))
    assert err.message.startswith(
        "User: arn:aws:iam::123456789012:user/ops is not authorized to perform: "
        f"iam:UpdateOpenIDConnectProviderThumbprint on resource: {arn}")
    store.call("PutUserPolicy", {"UserName": "ops", "PolicyName": "idp", "PolicyDocument":
                                 json.dumps({"Version": "2012-10-17", "Statement": [{
                                     "Effect": "Allow",
                                     "Action": "iam:UpdateOpenIDConnectProviderThumbprint",
                                     "Resource": arn}]})})
    federation.set_jwks(store, arn, jwks, ops)
    record = store.audit_trail(event="SetOpenIDConnectProviderJwks")[0]
    assert record["userIdentity"]["arn"].endswith(":user/ops") and "errorCode" not in record
    assert record["requestParameters"]["keyIds"] == ["rsa-1", "ec-1"]
    missing = f"arn:aws:iam::{ACCOUNT}:oidc-provider/none.example.com"
    assert error(lambda: federation.set_jwks(store, missing, jwks,
                                             store.identity("root"))).code == "NoSuchEntity"


# --- AssumeRoleWithWebIdentity --------------------------------------------------------------

def test_web_identity_session(store, role, rsa_key):
    response = web_identity(store, sign(rsa_key))
    assert list(response) == ["Credentials", "SubjectFromWebIdentityToken", "AssumedRoleUser",
                              "Provider", "Audience"]
    assert response["Credentials"]["AccessKeyId"].startswith("ASIA")
    assert response["SubjectFromWebIdentityToken"] == "repo:acme/app:ref:main"
    assert (response["Audience"], response["Provider"]) == ("app-1", ISSUER)
    assert response["AssumedRoleUser"] == {
        "AssumedRoleId": f"{role['RoleId']}:run-7",
        "Arn": f"arn:aws:sts::{ACCOUNT}:assumed-role/ci/run-7"}
    c = response["Credentials"]
    session = store.credentials_caller(c["AccessKeyId"], c["SecretAccessKey"], c["SessionToken"])
    assert store.call("GetCallerIdentity", {}, session)["Arn"] == response["AssumedRoleUser"]["Arn"]
    assert session.session["Context"]["aws:FederatedProvider"] == PROVIDER_ARN


def test_web_identity_with_an_ec_key(store, role, ec_key):
    assert web_identity(store, sign(ec_key, kid="ec-1", algorithm="ES256"))["Credentials"]


def test_forged_signature(store, role):
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    err = refusal(store, sign(other))  # same kid, another key
    assert err.code == "InvalidIdentityToken" and "signature" in err.message


def test_tampered_payload(store, role, rsa_key):
    header, payload, signature = sign(rsa_key, {"sub": "repo:evil/app"}).split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["sub"] = "repo:acme/app"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    assert refusal(store, f"{header}.{forged}.{signature}").code == "InvalidIdentityToken"


def test_wrong_audience(store, role, rsa_key):
    err = refusal(store, sign(rsa_key, {"aud": "someone-else"}))
    assert (err.code, err.message) == ("InvalidIdentityToken", "Incorrect token audience")
    err = refusal(store, sign(rsa_key, drop=["aud"]))
    assert err.message == "Missing a required claim: aud"
    assert web_identity(store, sign(rsa_key, {"aud": ["other", "app-1"]}))["Audience"] == "app-1"


def test_issuer_without_a_provider(store, role, rsa_key):
    err = refusal(store, sign(rsa_key, issuer="https://elsewhere.example.com"))
    assert (err.code, err.message) == (
        "InvalidIdentityToken",
        "No OpenIDConnect provider found in your account for https://elsewhere.example.com")


def test_issuer_of_another_provider_with_other_keys(store, role, rsa_key):
    # The token claims to come from a provider the account trusts, which never signed it.
    make_provider(store, url="https://other.example.com")
    err = refusal(store, sign(rsa_key, issuer="https://other.example.com"))
    assert (err.code, err.message) == ("InvalidIdentityToken", federation.NO_KEY)


def test_unknown_key_id(store, role, rsa_key):
    assert refusal(store, sign(rsa_key, kid="rsa-9")).message == federation.NO_KEY


def test_expired_token_with_five_minutes_of_skew(store, role, rsa_key):
    now = int(time.time())
    err = refusal(store, sign(rsa_key, {"iat": now - 3600, "exp": now - 400}))
    assert err.code == "ExpiredTokenException"
    assert web_identity(store, sign(rsa_key, {"iat": now - 3600, "exp": now - 200}))


def test_token_not_yet_valid(store, role, rsa_key):
    now = int(time.time())
    assert refusal(store, sign(rsa_key, {"nbf": now + 900, "exp": now + 1800})).code == \
        "InvalidIdentityToken"


@pytest.mark.parametrize("algorithm", ["HS256", "none"])
def test_only_rsa_and_ecdsa_signatures(store, role, algorithm):
    key = "a shared secret of thirty-two bytes or more" if algorithm == "HS256" else None
    err = refusal(store, sign(key, algorithm=algorithm))
    assert err.code == "InvalidIdentityToken" and "RS256" in err.message


@pytest.mark.parametrize("token", ["not-a-jwt", "a.b.c", "eyJhbGciOiJSUzI1NiJ9.W10.c2ln"])
def test_malformed_token(store, role, token):
    assert refusal(store, token).code == "InvalidIdentityToken"


def test_huge_token(store, role, rsa_key):
    # clientTokenType: at most 20,000 characters (STS API model)
    err = refusal(store, sign(rsa_key, {"pad": "x" * 20_000}))
    assert err.code == "ValidationError" and "webIdentityToken" in err.message


def test_trust_condition_on_the_subject(store, role, rsa_key):
    err = refusal(store, sign(rsa_key, {"sub": "repo:other/app:ref:main"}))
    assert (err.code, err.message) == ("AccessDenied",
                                       "Not authorized to perform sts:AssumeRoleWithWebIdentity")


def test_trust_policy_must_name_the_provider(store, provider, rsa_key):
    store.call("CreateRole", {"RoleName": "ci", "AssumeRolePolicyDocument": json.dumps({
        "Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
            "Action": ["sts:AssumeRole", "sts:AssumeRoleWithWebIdentity"]}]})})
    assert refusal(store, sign(rsa_key)).code == "AccessDenied"


def test_web_identity_duration_within_the_roles_maximum(store, role, rsa_key):
    err = refusal(store, sign(rsa_key), DurationSeconds=7200)
    assert err.message == ("The requested DurationSeconds exceeds the MaxSessionDuration set "
                           "for this role.")


def test_well_known_idp_is_named_by_host(store, rsa_key, jwks):
    # Trust policies name Google as "accounts.google.com", with keys
    # accounts.google.com:aud (the azp when set) and :oaud (the aud then).
    arn = make_provider(store, url="https://accounts.google.com", client_ids=["web-client"])
    federation.set_jwks(store, arn, jwks, store.identity("root"))
    store.call("CreateRole", {"RoleName": "ci", "AssumeRolePolicyDocument": web_trust(
        "accounts.google.com", condition={"StringEquals": {
            "accounts.google.com:aud": "web-client",
            "accounts.google.com:oaud": "backend-client"}})})
    token = sign(rsa_key, {"aud": "backend-client", "azp": "web-client"},
                 issuer="https://accounts.google.com")
    assert web_identity(store, token)["Audience"] == "web-client"
    bare = sign(rsa_key, {"aud": "web-client"}, issuer="https://accounts.google.com")
    assert refusal(store, bare).code == "AccessDenied"  # no oaud without azp


def test_oauth_provider_id_is_refused(store, role, rsa_key):
    err = refusal(store, sign(rsa_key), ProviderId="www.amazon.com")
    assert err.code == "InvalidIdentityToken"


# --- SAML providers -------------------------------------------------------------------------

def test_saml_provider_life(store):
    arn = store.call("CreateSAMLProvider", {"Name": "corp-sso",
                                            "SAMLMetadataDocument": SAML_METADATA})["SAMLProviderArn"]
    assert arn == f"arn:aws:iam::{ACCOUNT}:saml-provider/corp-sso"
    got = store.call("GetSAMLProvider", {"SAMLProviderArn": arn})
    assert got["SAMLMetadataDocument"] == SAML_METADATA
    assert got["ValidUntil"] == "2030-01-01T00:00:00Z"
    listed = store.call("ListSAMLProviders")["SAMLProviderList"]
    assert [(p["Arn"], p["ValidUntil"]) for p in listed] == [(arn, "2030-01-01T00:00:00Z")]
    assert error(lambda: store.call("CreateSAMLProvider", {
        "Name": "corp-sso", "SAMLMetadataDocument": SAML_METADATA})).code == "EntityAlreadyExists"
    updated = SAML_METADATA.replace(' validUntil="2030-01-01T00:00:00Z"', "")
    store.call("UpdateSAMLProvider", {"SAMLProviderArn": arn, "SAMLMetadataDocument": updated})
    assert "ValidUntil" not in store.call("GetSAMLProvider", {"SAMLProviderArn": arn})
    store.call("DeleteSAMLProvider", {"SAMLProviderArn": arn})
    err = error(lambda: store.call("GetSAMLProvider", {"SAMLProviderArn": arn}))
    assert err.code == "NoSuchEntity"
    assert error(lambda: store.call("DeleteSAMLProvider", {"SAMLProviderArn": arn})).code == \
        "NoSuchEntity"


@pytest.mark.parametrize("document", [
    "x" * 1200,
    SAML_METADATA.replace("md:EntityDescriptor", "md:Other"),
    '<!DOCTYPE x [<!ENTITY a "aaaa">]>' + SAML_METADATA.split("\n", 1)[1],
    SAML_METADATA[:-30],
])
def test_saml_metadata_must_be_an_entity_descriptor(store, document):
    err = error(lambda: store.call("CreateSAMLProvider", {"Name": "corp",
                                                          "SAMLMetadataDocument": document}))
    assert (err.code, err.message) == ("InvalidInput", "Could not parse metadata")
