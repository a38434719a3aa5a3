"""``iamtui providers set-jwks --open-id-connect-provider-arn ARN --jwks file://keys.json``:
give an OpenID Connect provider its IdP's public signing keys.

AWS fetches them from the IdP's JWKS endpoint when it checks a token; iamtui has no
network, so the keys are handed to the provider here (store/federation.py). The caller
needs what UpdateOpenIDConnectProviderThumbprint needs.
"""

from store import IamError, Store, federation

from ..awscli import paramfiles
from ..awscli.errors import ParamError
from ..caller import caller
from ..output import PARAMETER_ERROR, Failure, service_failure
from ..parser import store_command


def register(subparsers):
    parser = store_command(subparsers, "providers", "identity providers' signing keys")
    actions = parser.add_subparsers(title="actions", metavar="ACTION", required=True)
    set_jwks = store_command(
        actions, "set-jwks", "set the JWKS an OpenID Connect provider's tokens are checked with",
        "Set the public keys (a JWKS document, as the IdP publishes at its jwks_uri) that "
        "assume-role-with-web-identity checks the provider's ID tokens with.")
    set_jwks.add_argument("--open-id-connect-provider-arn", required=True, metavar="ARN")
    set_jwks.add_argument("--jwks", required=True, metavar="JSON",
                          help="the JWKS: JSON text or file://path")
    set_jwks.set_defaults(run=run_set_jwks)


def run_set_jwks(args) -> int:
    try:
        text = paramfiles.load(args.jwks, "--jwks")
    except ParamError as err:
        raise Failure(f"\n{err}", PARAMETER_ERROR) from None
    store = Store(args.db)
    try:
        federation.set_jwks(store, args.open_id_connect_provider_arn, text,
                            caller(store, args.caller) or store.identity("root"))
    except IamError as err:
        raise service_failure(err) from None
    return 0
