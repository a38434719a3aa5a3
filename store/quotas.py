"""The account's IAM quotas: AWS's defaults, overlaid with the values granted to this
account. Setting one stands in for Service Quotas granting a request
(https://docs.aws.amazon.com/servicequotas/2019-06-24/apireference/API_RequestServiceQuotaIncrease.html);
the names are GetAccountSummary's
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
"""

from .account import DEFAULT_QUOTAS
from .errors import AccessDenied, InvalidInput

ACTION = "servicequotas:RequestServiceQuotaIncrease"


def list_quotas(store) -> dict[str, int]:
    """``{name: value}`` for every quota, as it applies to the account now."""
    account = store.view()
    return {name: account.quota(name) for name in DEFAULT_QUOTAS}


def set_quota(store, name: str, value: int, caller) -> None:
    """Grant the account ``value`` for quota ``name`` (only the root user may)."""
    if name not in DEFAULT_QUOTAS:
        raise InvalidInput(f"Unknown quota {name}. The quotas are: {', '.join(DEFAULT_QUOTAS)}.")
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidInput(f"A quota is a positive integer, not {value!r}.")

    def apply(account):
        if not caller.is_root:
            raise AccessDenied(f"User: {caller.arn} is not authorized to perform: {ACTION} "
                               "(only the root user changes the account's quotas)")
        account.info["Quotas"] = {**account.info.get("Quotas", {}), name: value}
        account.replace("account", account.info)

    store.change(caller, "servicequotas", ACTION.split(":")[1],
                 {"QuotaName": name, "DesiredValue": value}, apply)
