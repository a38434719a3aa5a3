"""Console passwords: CreateLoginProfile, GetLoginProfile, UpdateLoginProfile,
DeleteLoginProfile, ChangePassword, and the account password policy
(UpdateAccountPasswordPolicy, GetAccountPasswordPolicy, DeleteAccountPasswordPolicy).
https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateLoginProfile.html (and
siblings); the rules a password must meet are in store.passwords.

A login profile is keyed by the user's UserId, so it follows the user through a rename.
Without UserName, the login-profile actions are about the caller — for the root user its
own password — and are authorized on that user's ARN (store.ops.access_keys ``holder``).
"""

from .. import passwords, secrets
from ..authorize import authorize
from ..errors import (AccessDenied, EntityAlreadyExists, InvalidUserType, NoSuchEntity,
                      ValidationError)
from ..operations import operation
from .holders import holder


# --- login profiles -----------------------------------------------------------------

@operation("CreateLoginProfile", self_authorized=True)
def create_login_profile(account, params, caller):
    """Password is optional in the model only for AssumeRoot sessions ("It is required in
    all other cases"), which this store does not make."""
    who = holder(account, params, caller, "CreateLoginProfile")
    if "Password" not in params:
        raise ValidationError("1 validation error detected: Value null at 'password' failed "
                              "to satisfy constraint: Member must not be null")
    if passwords.profile(account, who.owner) is not None:
        raise EntityAlreadyExists(f"Login Profile for user {who.name} already exists.")
    profile = passwords.new_profile(account, who.owner, params["Password"],
                                    params.get("PasswordResetRequired", False))
    account.table(passwords.TABLE).insert(profile)
    return {"LoginProfile": _shown(who, profile)}


@operation("GetLoginProfile", writes=False, self_authorized=True)
def get_login_profile(account, params, caller):
    """"If the user does not exist or does not have a password, the operation returns a
    404 (NoSuchEntity) error.\""""
    who = holder(account, params, caller, "GetLoginProfile")
    return {"LoginProfile": _shown(who, passwords.existing_profile(account, who.owner, who.name))}


@operation("UpdateLoginProfile", self_authorized=True)
def update_login_profile(account, params, caller):
    """A new password (meeting the policy) and / or PasswordResetRequired."""
    who = holder(account, params, caller, "UpdateLoginProfile")
    profile = passwords.existing_profile(account, who.owner, who.name)
    if "Password" in params:
        passwords.set_password(account, profile, params["Password"])
    if params.get("PasswordResetRequired") is not None:
        profile["PasswordResetRequired"] = params["PasswordResetRequired"]
    account.replace(passwords.TABLE, profile)
    return {}


@operation("DeleteLoginProfile", self_authorized=True)
def delete_login_profile(account, params, caller):
    """"Deleting a user's password does not prevent a user from accessing Amazon Web
    Services through the command line interface or the API.\""""
    who = holder(account, params, caller, "DeleteLoginProfile")
    profile = passwords.existing_profile(account, who.owner, who.name)
    account.table(passwords.TABLE).remove(doc_ids=[profile.doc_id])
    return {}


def _shown(who, profile: dict) -> dict:
    """The LoginProfile member of a response (the root user's carries the account id)."""
    return {"UserName": who.name, "CreateDate": profile["CreateDate"],
            "PasswordResetRequired": profile["PasswordResetRequired"]}


@operation("ChangePassword", self_authorized=True)
def change_password(account, params, caller):
    """"Changes the password of the IAM user who is calling this operation. ... The
    Amazon Web Services account root user password is not affected by this operation.\""""
    if caller.kind != "user":
        raise InvalidUserType("The request was rejected because the type of user for the "
                              "transaction was incorrect.")
    passwords.may_change(account, caller)
    user = account.get("user", caller.name)
    profile = passwords.existing_profile(account, user["UserId"], user["UserName"])
    if not secrets.password_matches(profile["PasswordHash"], params["OldPassword"]):
        # The API model lists no error for a wrong old password and AWS's answer is not
        # documented: this code and wording are ours.
        raise AccessDenied("The old password is incorrect.")
    passwords.change(account, profile, params["NewPassword"])
    return {}


# --- the account password policy ----------------------------------------------------

@operation("UpdateAccountPasswordPolicy")
def update_account_password_policy(account, params, caller):
    """"This operation does not support partial updates. ... if you do not specify a
    parameter, that parameter's value reverts to its default value."
    (API_UpdateAccountPasswordPolicy.html)"""
    passwords.set_policy(account, {**passwords.POLICY_DEFAULTS, **params})
    return {}


@operation("GetAccountPasswordPolicy", writes=False, self_authorized=True)
def get_account_password_policy(account, params, caller):
    """Allowed to IAM users by AllowUsersToChangePassword, which gives them
    "iam:GetAccountPasswordPolicy"; to anyone else as their policies say. ExpirePasswords
    "Returns true if MaxPasswordAge contains a value greater than 0"."""
    if not (caller.kind == "user" and passwords.setting(account, "AllowUsersToChangePassword")):
        authorize(account, caller, "iam:GetAccountPasswordPolicy", "*", {})
    policy = _existing_policy(account)
    return {"PasswordPolicy": {**policy, "ExpirePasswords": bool(policy.get("MaxPasswordAge"))}}


@operation("DeleteAccountPasswordPolicy")
def delete_account_password_policy(account, params, caller):
    _existing_policy(account)
    passwords.set_policy(account, None)
    return {}


def _existing_policy(account) -> dict:
    policy = passwords.policy(account)
    if policy is None:
        raise NoSuchEntity(f"The Password Policy with domain name {account.id} cannot be found.")
    return policy
