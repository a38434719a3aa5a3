"""ListInstanceProfilesForRole on an imported account: a role's instance profiles, each
with the role as its Roles, paged; an empty list for a role in none; NoSuchEntity for no
such role (https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListInstanceProfilesForRole.html)."""

import json

import pytest

from store import IamError, Store
from store.account_import import import_account

ACCOUNT = "111122223333"
TRUST = json.dumps({"Version": "2012-10-17", "Statement": [{
    "Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
    "Action": "sts:AssumeRole"}]})


def role(name: str, profiles: list[str]) -> dict:
    arn = f"arn:aws:iam::{ACCOUNT}:role/{name}"
    fields = {"Path": "/", "RoleName": name, "RoleId": f"AROA{name.upper():0<16}",
              "Arn": arn, "CreateDate": "2018-08-20T18:48:00+00:00",
              "AssumeRolePolicyDocument": TRUST}
    return {**fields, "RolePolicyList": [], "AttachedManagedPolicies": [],
            "InstanceProfileList": [{
                "Path": "/", "InstanceProfileName": profile,
                "InstanceProfileId": f"AIPA{profile.upper():0<16}",
                "Arn": f"arn:aws:iam::{ACCOUNT}:instance-profile/{profile}",
                "CreateDate": "2018-08-20T18:48:01+00:00", "Roles": [fields]}
                for profile in profiles]}


@pytest.fixture
def imported(tmp_path) -> Store:
    store = Store(str(tmp_path / "iam.json"))
    import_account(store, {"UserDetailList": [], "GroupDetailList": [], "Policies": [],
                           "RoleDetailList": [role("app", ["web", "worker"]),
                                              role("auditor", [])]})
    return store


def test_a_roles_profiles_each_with_the_role(imported):
    listed = imported.call("ListInstanceProfilesForRole", {"RoleName": "app"})
    assert [p["InstanceProfileName"] for p in listed["InstanceProfiles"]] == ["web", "worker"]
    assert listed["InstanceProfiles"][0]["Arn"] == \
        f"arn:aws:iam::{ACCOUNT}:instance-profile/web"
    assert [r["RoleName"] for r in listed["InstanceProfiles"][1]["Roles"]] == ["app"]
    assert listed["IsTruncated"] is False


def test_paged_with_marker(imported):
    first = imported.call("ListInstanceProfilesForRole", {"RoleName": "app", "MaxItems": 1})
    assert (first["IsTruncated"], len(first["InstanceProfiles"])) == (True, 1)
    rest = imported.call("ListInstanceProfilesForRole",
                         {"RoleName": "app", "Marker": first["Marker"]})
    assert [p["InstanceProfileName"] for p in rest["InstanceProfiles"]] == ["worker"]


def test_a_role_in_no_profile_and_no_such_role(imported):
    assert imported.call("ListInstanceProfilesForRole",
                         {"RoleName": "auditor"})["InstanceProfiles"] == []
    with pytest.raises(IamError) as refused:
        imported.call("ListInstanceProfilesForRole", {"RoleName": "nobody"})
    assert refused.value.code == "NoSuchEntity"
