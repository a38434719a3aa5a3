"""The account's quotas: AWS's defaults and the increases granted to it.

Sources: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html (the
defaults); https://docs.aws.amazon.com/servicequotas/2019-06-24/apireference/API_RequestServiceQuotaIncrease.html
(what setting one stands for).
"""

import pytest

from store import Store
from store.account import DEFAULT_QUOTAS
from calls import error


def test_a_new_account_has_aws_defaults(store):
    quotas = store.quotas()
    assert quotas == DEFAULT_QUOTAS
    assert (quotas["UsersQuota"], quotas["VersionsPerPolicyQuota"]) == (5000, 5)


def test_a_granted_quota_applies_and_persists(store):
    store.set_quota("UsersQuota", 1)
    store.call("CreateUser", {"UserName": "alice"})
    err = error(lambda: store.call("CreateUser", {"UserName": "bob"}))
    assert (err.code, err.message) == ("LimitExceeded",
                                       "Cannot exceed quota for UsersPerAccount: 1")
    reopened = Store(store.path)
    assert reopened.quotas()["UsersQuota"] == 1
    assert reopened.quotas()["GroupsQuota"] == DEFAULT_QUOTAS["GroupsQuota"]


def test_a_raised_version_quota_allows_more_versions(store):
    store.set_quota("VersionsPerPolicyQuota", 6)
    doc = ('{"Version": "2012-10-17", '
           '"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}')
    arn = store.call("CreatePolicy", {"PolicyName": "P", "PolicyDocument": doc})["Policy"]["Arn"]
    version = {"PolicyArn": arn, "PolicyDocument": doc}
    for _ in range(5):
        store.call("CreatePolicyVersion", version)
    err = error(lambda: store.call("CreatePolicyVersion", version))
    assert err.message.startswith("A managed policy can have up to 6 versions.")


def test_unknown_quota_names_are_refused_with_the_names(store):
    err = error(lambda: store.set_quota("UserQuota", 10))
    assert err.code == "InvalidInput"
    assert err.message.startswith("Unknown quota UserQuota. The quotas are: UsersQuota, ")
    assert all(name in err.message for name in DEFAULT_QUOTAS)


@pytest.mark.parametrize("value", [0, -3, "10", 2.5, True, None])
def test_a_quota_is_a_positive_integer(store, value):
    err = error(lambda: store.set_quota("RolesQuota", value))
    assert (err.code, err.message) == ("InvalidInput",
                                       f"A quota is a positive integer, not {value!r}.")
    assert store.quotas()["RolesQuota"] == DEFAULT_QUOTAS["RolesQuota"]


def test_granting_a_quota_is_audited(store):
    store.set_quota("RolesQuota", 2000)
    [record] = store.audit_trail(event="RequestServiceQuotaIncrease")
    assert record["eventSource"] == "servicequotas.amazonaws.com"
    assert record["requestParameters"] == {"quotaName": "RolesQuota", "desiredValue": 2000}


def test_only_the_root_user_changes_quotas(store):
    store.call("CreateUser", {"UserName": "admin"})
    store.call("AttachUserPolicy", {"UserName": "admin",
                                    "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"})
    admin = store.identity("admin")
    err = error(lambda: store.set_quota("RolesQuota", 2000, admin))
    assert (err.code, err.message) == (
        "AccessDenied", ("User: arn:aws:iam::123456789012:user/admin is not authorized to "
                         "perform: servicequotas:RequestServiceQuotaIncrease (only the root "
                         "user changes the account's quotas)"))
    assert store.quotas()["RolesQuota"] == DEFAULT_QUOTAS["RolesQuota"]
    [record] = store.audit_trail(principal="admin", event="RequestServiceQuotaIncrease")
    assert record["errorCode"] == "AccessDenied"
