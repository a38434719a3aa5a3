"""The instance profiles a role is in: ListInstanceProfilesForRole
(https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListInstanceProfilesForRole.html).

The store keeps a role's instance profiles only as an imported account brings them
(GetAccountAuthorizationDetails' InstanceProfileList, store/account_import.py); making
and changing instance profiles is not carried out here. Each profile is answered with
its Roles, as AWS answers: the role itself, as GetAccountAuthorizationDetails shows it.
"""

from ..operations import operation
from .account import _profile_role as profile_role
from .paging import page
from .roles import ROLE


@operation("ListInstanceProfilesForRole", writes=False, resource=ROLE)
def list_instance_profiles_for_role(account, params, caller):
    role = account.get("role", params["RoleName"])
    profiles = [{**profile, "Roles": [profile_role(role)]}
                for profile in role.get("InstanceProfiles", [])]
    return page(profiles, params, "InstanceProfiles")
