"""The store's one door: ``Store.call("CreateUser", {"UserName": "alice"}, caller)``.

Every call is checked against AWS's API model, authorized for its caller as AWS would
authorize it, carried out (in a transaction when it changes anything), shaped as AWS's
response, and — when it changes something — recorded in the audit trail.
"""

import os

from . import audit, credentials, ids, ops, quotas, resources  # noqa: F401 - ops registers the operations
from .account import Account
from .database import MARKER, SCHEMA, Database, default_path
from .errors import IamError, InvalidAction
from .model import service
from .operations import OPERATIONS
from .principals import Identity, root, user_identity
from .authorize import authorize


class Store:
    """An IAM account kept in one TinyDB file (created, with a new account, on first use)."""

    def __init__(self, path: str | None = None):
        self.database = Database(path or default_path())
        self.path = self.database.path
        self.audit_path = self.path + ".audit.jsonl"

    # --- the account ----------------------------------------------------------------

    def create_account(self, account_id: str | None = None, alias: str | None = None,
                       email: str | None = None) -> None:
        """Make the account if the file has none yet (first use does it with defaults)."""
        with self.database.transaction() as db:
            if db.table("account").get(doc_id=1) is not None:
                return
            db.table("meta").insert({"marker": MARKER, "schema": SCHEMA})
            db.table("account").insert({
                "AccountId": account_id or ids.account_id(),
                "AccountAliases": [alias] if alias else [],
                "RootEmail": email or os.environ.get("IAMTUI_ROOT_EMAIL", "root@example.com"),
                "CreateDate": ids.now(),
                "Quotas": {},
            })

    def view(self) -> Account:
        """The account as it stands now, to read (the app and the analysis use this)."""
        db = self.database.read()
        if db.table("account").get(doc_id=1) is None:
            self.create_account()
            db = self.database.read()
        return Account(self.database, db, ids.now())

    @property
    def account_id(self) -> str:
        return self.view().id

    def identity(self, who: str) -> Identity:
        """The caller ``--as`` names: ``root``, a user name, or a user ARN."""
        account = self.view()
        if who in ("root", root(account.id).arn):
            return root(account.id)
        return user_identity(account, who)

    # --- calls ----------------------------------------------------------------------

    def call(self, operation: str, params: dict | None = None,
             caller: Identity | None = None) -> dict:
        spec = OPERATIONS.get(operation)
        if spec is None:
            raise InvalidAction(f"The action {operation} is not valid for this web service.")
        params = {} if params is None else params
        if spec.anonymous:
            caller = Identity("anonymous", "", self.account_id)
        caller = caller or root(self.account_id)
        model = service(spec.service)
        if not spec.writes:
            model.validate(operation, params)
            response = self._run(spec, self.view(), params, caller)
            if caller.session.get("AccessKeyId", "").startswith("AKIA"):
                with self.database.transaction() as db:  # writes only if not noted lately
                    self._note_key_use(Account(self.database, db, ids.now()), caller,
                                       spec.service)
            return response

        def apply(account):
            model.validate(operation, params)
            response = self._run(spec, account, params, caller)
            self._note_key_use(account, caller, spec.service)
            return response
        return self.change(caller, spec.service, operation, params, apply)

    def credentials_caller(self, access_key_id: str, secret: str,
                           session_token: str | None = None) -> Identity:
        """The caller an access key (and session token) stands for, as AWS authenticates
        a signed request: InvalidClientTokenId, SignatureDoesNotMatch, ExpiredToken
        otherwise. (Each call made with a long-term key records its last use.)"""
        return credentials.caller(self.view(), access_key_id, secret, session_token)

    @staticmethod
    def _note_key_use(account, caller: Identity, service: str) -> None:
        key_id = caller.session.get("AccessKeyId", "")
        if key_id.startswith("AKIA"):
            credentials.note_key_use(account, key_id, service)

    def _run(self, spec, account: Account, params: dict, caller: Identity) -> dict:
        credentials.session_allows(caller, spec.service, spec.name)
        if not spec.self_authorized:
            context = spec.context(account, params) if spec.context else {}
            authorize(account, caller, f"{spec.service}:{spec.name}",
                      spec.resource(account, params), context)
        result = spec.handler(account, params, caller)
        return service(spec.service).shape_response(spec.name, result or {})

    # --- the audit trail --------------------------------------------------------------

    def record(self, caller: Identity, source: str, event: str, params: dict,
               response: dict | None, error: IamError | None = None) -> None:
        """Append one record to the audit trail (secrets hidden)."""
        entry = audit.record(caller, self.account_id, source, event, params, response, error,
                             ids.now())
        audit.append(self.audit_path, entry)

    def change(self, caller: Identity, source: str, event: str, params: dict, apply):
        """Run ``apply(account)`` in one transaction and record it in the audit trail as
        ``source``'s ``event`` — the response on success, AWS's error on failure. The
        record is written under the store's lock, after the change is on disk."""
        outcome = {}

        def finish(error):
            if error is None or isinstance(error, IamError):
                self.record(caller, source, event, params, outcome.get("response"), error)

        with self.database.transaction(finish) as db:
            outcome["response"] = apply(Account(self.database, db, ids.now()))
        return outcome["response"]

    def audit_trail(self, principal: str | None = None, event: str | None = None) -> list[dict]:
        """Records, newest first, optionally of one principal (name or ARN) or event."""
        records = audit.read(self.audit_path)
        records.reverse()
        if principal:
            records = [r for r in records if principal in (
                r["userIdentity"].get("arn"), r["userIdentity"].get("userName"),
                r["userIdentity"]["type"].lower())]
        if event:
            records = [r for r in records if r["eventName"].lower() == event.lower()]
        return records

    # --- beyond the IAM API: resource policies and quotas ---
    # Other services' resource-based policies (store/resources.py) and the account's
    # quotas (store/quotas.py). The caller defaults to the root user, as in ``call``.

    def put_resource_policy(self, arn: str, text: str, caller: Identity | None = None) -> None:
        resources.put_policy(self, arn, text, caller or root(self.account_id))

    def get_resource_policy(self, arn: str, caller: Identity | None = None) -> dict:
        return resources.get_policy(self, arn, caller or root(self.account_id))

    def delete_resource_policy(self, arn: str, caller: Identity | None = None) -> None:
        resources.delete_policy(self, arn, caller or root(self.account_id))

    def list_resources(self, caller: Identity | None = None) -> list[dict]:
        return resources.list_resources(self, caller or root(self.account_id))

    def quotas(self) -> dict[str, int]:
        return quotas.list_quotas(self)

    def set_quota(self, name: str, value: int, caller: Identity | None = None) -> None:
        quotas.set_quota(self, name, value, caller or root(self.account_id))

