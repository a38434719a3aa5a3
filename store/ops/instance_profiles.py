"""The instance profiles a role is in: ListInstanceProfilesForRole
(https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListInstanceProfilesForRole.html).

The store keeps a role's instance profiles only as an imported account brings them
(GetAccountAuthorizationDetails' InstanceProfileList, store/account_import.py); making
and changing instance profiles is not carried out here. Each profile is answered with
its Roles, as AWS answers: the role itself, as GetAccountAuthorizationDetails shows it.
"""

from ..operations import operation
from .paging import page
from .roles import ROLE


@operation("ListInstanceProfilesForRole", writes=False, resource=ROLE)
def list_instance_profiles_for_role(account, params, caller):
    return page(instance_profiles(account.get("role", params["RoleName"])), params,
                "InstanceProfiles")


def instance_profiles(role: dict) -> list[dict]:
    """The role's instance profiles as AWS lists them, each with the role in its Roles."""
    return [{**profile, "Roles": [_profile_role(role)]}
            for profile in role.get("InstanceProfiles", [])]


def _profile_role(role: dict) -> dict:
    """The role as an instance profile lists it: the members AWS's own example shows
    (get-account-authorization-details in the AWS CLI reference)."""
    return {key: role[key] for key in ("Path", "RoleName", "RoleId", "Arn", "CreateDate",
                                       "AssumeRolePolicyDocument")}
