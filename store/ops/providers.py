"""Identity providers: OpenID Connect (CreateOpenIDConnectProvider, Get, List, Delete,
client IDs, thumbprints) and SAML 2.0 (CreateSAMLProvider, Get, List, Update, Delete).
https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateOpenIDConnectProvider.html
https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateSAMLProvider.html (and siblings)

OIDC providers are kept as store.federation describes (with the IdP's signing keys, which
``iamtui providers set-jwks`` sets); SAML providers in table ``saml_providers`` {Arn, Name,
SAMLMetadataDocument, CreateDate, ValidUntil, Tags}. SAML providers are registered only:
AssumeRoleWithSAML is not carried out.
"""

import urllib.parse
from xml.etree import ElementTree

from ..errors import EntityAlreadyExists, InvalidInput, LimitExceeded, NoSuchEntity
from ..federation import OIDC_TABLE, find_provider, get_provider, provider_arn
from ..operations import operation, tag_context
from . import tagging

SAML_TABLE = "saml_providers"
_SAML_METADATA = "{urn:oasis:names:tc:SAML:2.0:metadata}"

# API_CreateOpenIDConnectProvider.html: "You cannot register more than 100 client IDs
# with a single IAM OIDC provider"; "IAM lets you have up to five thumbprints for an OIDC
# provider".
_LIST_QUOTAS = {"ClientIDList": ("ClientIdsPerOpenIdConnectProvider", 100),
                "ThumbprintList": ("ThumbprintsPerOpenIdConnectProvider", 5)}


def _register(account, table: str, provider: dict, tags: list | None) -> list:
    """Store a new provider (OIDC or SAML), within the account's 100 of each kind
    (reference_iam-quotas.html), with its tags; answer the tags."""
    account.check_count(table, "Providers")
    if tags:
        tagging.add(account, provider, tags)
    account.table(table).insert(provider)
    return provider["Tags"]


# --- OpenID Connect -------------------------------------------------------------------

def _oidc_resource(account, params) -> str:
    """The provider the request names, or the one CreateOpenIDConnectProvider makes."""
    if "OpenIDConnectProviderArn" in params:
        return params["OpenIDConnectProviderArn"]
    return provider_arn(account.id, params.get("Url", ""))


@operation("CreateOpenIDConnectProvider", resource=_oidc_resource, context=tag_context)
def create_open_id_connect_provider(account, params, caller):
    """"The URL must begin with https:// ... path components are allowed but query
    parameters are not ... The URL should not contain a port number. You cannot register
    the same provider multiple times in a single Amazon Web Services account." """
    url = _checked_url(params["Url"])
    arn = provider_arn(account.id, url)
    if find_provider(account, arn) is not None:
        raise EntityAlreadyExists(f"Provider with url {url} already exists.")
    provider = {"Arn": arn, "Url": url, "CreateDate": account.now, "Tags": [], "Jwks": {}}
    for field in _LIST_QUOTAS:
        _set_list(provider, field, params.get(field, []))
    return {"OpenIDConnectProviderArn": arn,
            "Tags": _register(account, OIDC_TABLE, provider, params.get("Tags"))}


@operation("GetOpenIDConnectProvider", writes=False, resource=_oidc_resource)
def get_open_id_connect_provider(account, params, caller):
    """Answers the URL without its scheme, as AWS does (its CLI example shows
    "Url": "server.example.com")."""
    provider = get_provider(account, params["OpenIDConnectProviderArn"])
    return {**provider, "Url": provider["Url"].removeprefix("https://")}


@operation("ListOpenIDConnectProviders", writes=False)
def list_open_id_connect_providers(account, params, caller):
    arns = sorted(provider["Arn"] for provider in account.table(OIDC_TABLE).all())
    return {"OpenIDConnectProviderList": [{"Arn": arn} for arn in arns]}


@operation("DeleteOpenIDConnectProvider", resource=_oidc_resource)
def delete_open_id_connect_provider(account, params, caller):
    """"This operation is idempotent; it does not fail or return an error if you call the
    operation for a provider that does not exist." """
    provider = find_provider(account, params["OpenIDConnectProviderArn"])
    if provider is not None:
        account.table(OIDC_TABLE).remove(doc_ids=[provider.doc_id])
    return {}


def _changes_provider(name: str):
    """Register ``change(provider, params)`` as the operation ``name`` on the OIDC provider
    the request names, which is stored again after it."""
    def register(change):
        def handler(account, params, caller):
            provider = get_provider(account, params["OpenIDConnectProviderArn"])
            change(provider, params)
            account.replace(OIDC_TABLE, provider)
            return {}
        operation(name, resource=_oidc_resource)(handler)
        return change
    return register


@_changes_provider("AddClientIDToOpenIDConnectProvider")
def add_client_id(provider, params):
    """Idempotent: adding a client ID already there changes nothing."""
    _set_list(provider, "ClientIDList", [*provider["ClientIDList"], params["ClientID"]])


@_changes_provider("RemoveClientIDFromOpenIDConnectProvider")
def remove_client_id(provider, params):
    """Idempotent: removing a client ID not there changes nothing."""
    _set_list(provider, "ClientIDList",
              [c for c in provider["ClientIDList"] if c != params["ClientID"]])


@_changes_provider("UpdateOpenIDConnectProviderThumbprint")
def update_thumbprint(provider, params):
    """"The list that you pass with this operation completely replaces the existing list
    of thumbprints." """
    _set_list(provider, "ThumbprintList", params["ThumbprintList"])


def _checked_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme != "https" or not parts.hostname or parts.query or parts.fragment \
            or parts.port is not None or parts.username is not None:
        raise InvalidInput(f"Invalid OpenID Connect provider URL {url}: it must begin with "
                           "https:// and name a host, without a port, user or query.")
    return url


def _set_list(provider: dict, field: str, values: list[str]) -> None:
    """Set ClientIDList or ThumbprintList (each value once), within its quota."""
    values = list(dict.fromkeys(values))
    quota, limit = _LIST_QUOTAS[field]
    if len(values) > limit:
        raise LimitExceeded(f"Cannot exceed quota for {quota}: {limit}")
    provider[field] = values


# --- SAML 2.0 ---------------------------------------------------------------------------

def _saml_arn(account_id: str, name: str) -> str:
    return f"arn:aws:iam::{account_id}:saml-provider/{name}"


def _saml_resource(account, params) -> str:
    return params.get("SAMLProviderArn") or _saml_arn(account.id, params.get("Name", ""))


def _get_saml(account, arn: str) -> dict:
    found = account.lookup(SAML_TABLE, "Arn", arn)
    if found is None:
        raise NoSuchEntity(f"Manifest not found for arn {arn}")
    return found


@operation("CreateSAMLProvider", resource=_saml_resource, context=tag_context)
def create_saml_provider(account, params, caller):
    arn = _saml_arn(account.id, params["Name"])
    if account.lookup(SAML_TABLE, "Arn", arn) is not None:
        raise EntityAlreadyExists(f"SAMLProvider {params['Name']} already exists")
    provider = {"Arn": arn, "Name": params["Name"], "CreateDate": account.now, "Tags": [],
                **_metadata(params["SAMLMetadataDocument"])}
    return {"SAMLProviderArn": arn,
            "Tags": _register(account, SAML_TABLE, provider, params.get("Tags"))}


@operation("GetSAMLProvider", writes=False, resource=_saml_resource)
def get_saml_provider(account, params, caller):
    return _get_saml(account, params["SAMLProviderArn"])


@operation("ListSAMLProviders", writes=False)
def list_saml_providers(account, params, caller):
    """Arn, ValidUntil and CreateDate of each ("this operation does not return tags")."""
    providers = sorted(account.table(SAML_TABLE).all(), key=lambda p: p["Arn"])
    return {"SAMLProviderList": [{key: p[key] for key in ("Arn", "ValidUntil", "CreateDate")
                                  if key in p} for p in providers]}


@operation("UpdateSAMLProvider", resource=_saml_resource)
def update_saml_provider(account, params, caller):
    """A new metadata document (the encryption settings are not kept here)."""
    provider = _get_saml(account, params["SAMLProviderArn"])
    if params.get("SAMLMetadataDocument"):
        provider.pop("ValidUntil", None)
        provider.update(_metadata(params["SAMLMetadataDocument"]))
        account.replace(SAML_TABLE, provider)
    return {"SAMLProviderArn": provider["Arn"]}


@operation("DeleteSAMLProvider", resource=_saml_resource)
def delete_saml_provider(account, params, caller):
    provider = _get_saml(account, params["SAMLProviderArn"])
    account.table(SAML_TABLE).remove(doc_ids=[provider.doc_id])
    return {}


def _metadata(document: str) -> dict:
    """The stored fields of a SAML metadata document: the document, and its validUntil if
    it has one. It must be XML whose root is a SAML 2.0 metadata EntityDescriptor; a
    document type declaration (entities) is refused outright."""
    root = None
    if "<!DOCTYPE" not in document.upper():
        try:
            root = ElementTree.fromstring(document)
        except ElementTree.ParseError:
            pass
    if root is None or root.tag != f"{_SAML_METADATA}EntityDescriptor":
        raise InvalidInput("Could not parse metadata")
    fields = {"SAMLMetadataDocument": document}
    if root.get("validUntil"):
        fields["ValidUntil"] = root.get("validUntil")
    return fields
