"""Web identity federation: the OpenID Connect providers an account trusts, their signing
keys, and the check AssumeRoleWithWebIdentity makes of an ID token
(https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_oidc.html).

AWS fetches an IdP's signing keys (its JWKS) over the network; iamtui has no network, so
each provider entry holds the IdP's public keys, set with ``set_jwks`` (``iamtui providers
set-jwks``). Table ``oidc_providers``: {Arn, Url, ClientIDList, ThumbprintList, CreateDate,
Tags, Jwks}.
"""

import json
from dataclasses import dataclass

import jwt

from . import credentials
from .authorize import authorize
from .errors import (ExpiredTokenException, InvalidIdentityToken, InvalidInput, NoSuchEntity)

OIDC_TABLE = "oidc_providers"

# IdPs AWS has built in: trust policies name them by host ("Federated":
# "accounts.google.com"), not by a provider ARN (API_CreateOpenIDConnectProvider.html:
# "If you are using an OIDC identity provider from Google, Facebook, or Amazon Cognito, you
# don't need to create a separate IAM identity provider").
WELL_KNOWN = ("accounts.google.com", "cognito-identity.amazonaws.com", "graph.facebook.com",
              "www.amazon.com")

# "Tokens must be signed using either RSA keys (RS256, RS384, or RS512) or ECDSA keys
# (ES256, ES384, or ES512)." (API_AssumeRoleWithWebIdentity.html, WebIdentityToken)
ALGORITHMS = ("RS256", "RS384", "RS512", "ES256", "ES384", "ES512")

# "IAM provides a five-minute window beyond the expiration time specified in the JWT to
# account for clock skew" (id_roles_providers_oidc.html).
CLOCK_SKEW = 300

MAX_JWKS = 65_536  # characters: a JWKS of a few dozen keys, with room to spare
_PRIVATE_MEMBERS = ("d", "p", "q", "dp", "dq", "qi", "oth", "k")  # RFC 7518 section 6

NO_KEY = ("Couldn't retrieve verification key from your identity provider, please "
          "reference AssumeRoleWithWebIdentity documentation for requirements")


def provider_arn(account_id: str, url: str) -> str:
    """``arn:aws:iam::ACCOUNT:oidc-provider/HOST[/PATH]``: the URL without its scheme
    (reference_identifiers.html)."""
    return f"arn:aws:iam::{account_id}:oidc-provider/{url.removeprefix('https://')}"


def find_provider(account, arn: str) -> dict | None:
    return account.lookup(OIDC_TABLE, "Arn", arn)


def get_provider(account, arn: str) -> dict:
    found = find_provider(account, arn)
    if found is None:
        raise NoSuchEntity(f"OpenIDConnect Provider not found for arn {arn}")
    return found


# --- the IdP's keys ---------------------------------------------------------------------

def set_jwks(store, arn: str, text: str, caller) -> None:
    """Give the provider ``arn`` its IdP's signing keys (a JWKS document, public keys only).
    It changes whom the account trusts as much as a thumbprint does, so it needs what
    UpdateOpenIDConnectProviderThumbprint needs; it is audited as
    ``SetOpenIDConnectProviderJwks``."""
    jwks = checked_jwks(text)

    def apply(account):
        credentials.session_allows(caller, "iam", "UpdateOpenIDConnectProviderThumbprint")
        authorize(account, caller, "iam:UpdateOpenIDConnectProviderThumbprint", arn, {})
        provider = get_provider(account, arn)
        provider["Jwks"] = jwks
        account.replace(OIDC_TABLE, provider)

    store.change(caller, "iam", "SetOpenIDConnectProviderJwks",
                 {"OpenIDConnectProviderArn": arn,
                  "KeyIds": [key.get("kid") for key in jwks["keys"]]}, apply)


def checked_jwks(text: str) -> dict:
    """``text`` as a JWKS (RFC 7517) of RSA and EC public keys, or InvalidInput."""
    if len(text) > MAX_JWKS:
        raise InvalidInput(f"The JWKS is longer than {MAX_JWKS} characters.")
    try:
        jwks = json.loads(text)
    except ValueError as err:
        raise InvalidInput(f"The JWKS is not JSON: {err}") from None
    keys = jwks.get("keys") if isinstance(jwks, dict) else None
    if not isinstance(keys, list) or not keys:
        raise InvalidInput('A JWKS is an object {"keys": [...]} with at least one key.')
    for i, key in enumerate(keys):
        where = f"keys[{i}]"
        if not isinstance(key, dict) or key.get("kty") not in ("RSA", "EC"):
            raise InvalidInput(f"{where}: expected an RSA or EC key (kty).")
        if any(member in key for member in _PRIVATE_MEMBERS):
            raise InvalidInput(f"{where} is a private key: a JWKS holds public keys only.")
        try:
            jwt.PyJWK(key)
        except (jwt.PyJWKError, jwt.InvalidKeyError) as err:
            raise InvalidInput(f"{where}: {err}") from None
    kids = [key.get("kid") for key in keys]
    if len(set(kids)) != len(kids):
        raise InvalidInput("Two keys of the JWKS have the same kid.")
    return {"keys": keys}


# --- ID tokens ----------------------------------------------------------------------------

@dataclass(frozen=True)
class WebIdentity:
    """A verified ID token: who the IdP says it is for, and for which client."""

    principal: str  # what a trust policy's "Federated" names: the provider ARN, or the host
    prefix: str     # condition keys' prefix: the provider URL without https://
    issuer: str
    audience: str   # the client ID (of the provider's ClientIDList) the token is for
    claims: dict

    @property
    def subject(self) -> str:
        return self.claims["sub"]

    def context(self) -> dict:
        """The trust policy's context keys from the claims: PREFIX:aud, :sub, :amr, and
        :oaud. "If the azp field is set, aud contains the azp value and oaud the aud
        value" (reference_policies_iam-condition-keys.html#condition-keys-wif)."""
        claims, prefix = self.claims, self.prefix
        keys = {f"{prefix}:sub": claims["sub"], f"{prefix}:aud": claims.get("azp", self.audience)}
        if "azp" in claims:
            keys[f"{prefix}:oaud"] = claims["aud"]
        if "amr" in claims:
            amr = claims["amr"]
            keys[f"{prefix}:amr"] = amr if isinstance(amr, list) else [amr]
        return keys


def verify(account, token: str) -> WebIdentity:
    """The identity an ID token proves, as AWS checks it: a provider for its issuer, the
    signature of the key its ``kid`` names, the audience among the provider's client IDs,
    and its lifetime (``exp``, ``nbf``) give or take CLOCK_SKEW."""
    try:
        header = jwt.get_unverified_header(token)
        unverified = jwt.decode(token, options={"verify_signature": False})
    except jwt.InvalidTokenError as err:
        raise InvalidIdentityToken(f"The web identity token is not a valid JWT: {err}") from None
    issuer = unverified.get("iss")
    if not isinstance(issuer, str) or not issuer:
        raise InvalidIdentityToken("Missing a required claim: iss")
    url = issuer.removeprefix("https://")
    provider = find_provider(account, provider_arn(account.id, url))
    if provider is None:
        raise InvalidIdentityToken(f"No OpenIDConnect provider found in your account for {issuer}")
    claims = _checked_claims(token, header, provider)
    audience = _audience(claims, provider)
    host = url.split("/", 1)[0]
    principal = host if host in WELL_KNOWN else provider["Arn"]
    return WebIdentity(principal, url, issuer, audience, claims)


def _checked_claims(token: str, header: dict, provider: dict) -> dict:
    algorithm = header.get("alg")
    if algorithm not in ALGORITHMS:
        raise InvalidIdentityToken(f"The token is signed with {algorithm!r}; "
                                   f"AWS accepts {', '.join(ALGORITHMS)}.")
    keys = [key for key in provider.get("Jwks", {}).get("keys", ())
            if key.get("kid") == header.get("kid")]
    if not keys:
        raise InvalidIdentityToken(NO_KEY)
    try:
        key = jwt.PyJWK(keys[0], algorithm=algorithm).key
        return jwt.decode(token, key, algorithms=[algorithm], leeway=CLOCK_SKEW,
                          options={"require": ["exp", "sub"], "verify_aud": False})
    except jwt.ExpiredSignatureError:
        raise ExpiredTokenException("Token expired: the exp claim is more than five minutes "
                                    "past.") from None
    except jwt.MissingRequiredClaimError as err:
        raise InvalidIdentityToken(f"Missing a required claim: {err.claim}") from None
    except jwt.InvalidSignatureError:
        raise InvalidIdentityToken("The token's signature does not match the provider's key "
                                   f"{header.get('kid')!r}.") from None
    except (jwt.InvalidTokenError, jwt.PyJWKError, jwt.InvalidKeyError) as err:
        raise InvalidIdentityToken(
            f"The web identity token could not be validated: {err}") from None


def _audience(claims: dict, provider: dict) -> str:
    """The token's client ID, which must be one the provider lists ("Incorrect token
    audience" otherwise, as AWS answers)."""
    if "aud" not in claims:
        raise InvalidIdentityToken("Missing a required claim: aud")
    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    candidates = [claims["azp"]] if "azp" in claims else []
    for audience in candidates + audiences:
        if audience in provider["ClientIDList"]:
            return audience
    raise InvalidIdentityToken("Incorrect token audience")
