"""Acting as someone else from inside the app: sign in as an IAM user (password, and an
MFA code when the user has a device, as the console asks), or assume a role as whoever
is acting now (AssumeRole, which the store authorizes against the role's trust policy and
the caller's own policies). Either way the app then makes every call with the session's
credentials, so what that principal may not do is refused with AWS's AccessDenied.

Both are the store's checks (store.signin.sign_in; Store.call("AssumeRole")); the
session's credentials turn into the caller exactly as a signed request's would
(Store.credentials_caller)."""

from store import Store
from store.signin import sign_in

from .form import Field, FormScreen


def sign_in_form(app, user_name: str = "") -> FormScreen:
    """The console's sign-in page: account, user name, password, MFA code (asked for only
    when the user has a device), and a new password when the old one must be changed."""
    account = app.session.account()
    aliases = account.info["AccountAliases"]

    def submit(values: dict) -> None:
        credentials = sign_in(
            app.store, account=values["account"], user_name=values["user"],
            password=values["password"], mfa_code=values["mfa"] or None,
            new_password=values["new_password"] or None)
        app.act_as(_caller(app.store, credentials))
        app.notify(f"signed in as {values['user']}", markup=False)

    return FormScreen("Sign in as an IAM user", [
        Field("account", "Account ID or alias", aliases[0] if aliases else account.id),
        Field("user", "IAM user name", user_name),
        Field("password", "Password", password=True),
        Field("mfa", "MFA code (when the user has an MFA device)"),
        Field("new_password", "New password (when the password must be changed)",
              password=True),
    ], submit, operation="ConsoleLogin")


def assume_role_form(app, role_name: str = "") -> FormScreen:
    """AssumeRole as the acting principal; the session name is what CloudTrail and the
    role session's ARN show."""
    account = app.session.account()

    def submit(values: dict) -> None:
        role = values["role"]
        arn = role if role.startswith("arn:") else f"arn:aws:iam::{account.id}:role/{role}"
        params = {"RoleArn": arn, "RoleSessionName": values["session"]}
        if values["mfa_serial"]:
            params.update(SerialNumber=values["mfa_serial"], TokenCode=values["mfa"])
        credentials = app.call("AssumeRole", params)["Credentials"]
        app.act_as(_caller(app.store, credentials))
        app.notify(f"acting as {app.acting.arn}", markup=False)

    return FormScreen("Assume a role", [
        Field("role", "Role name or ARN", role_name),
        Field("session", "Session name", "iamtui"),
        Field("mfa_serial", "MFA device serial number (when the trust policy asks for MFA)"),
        Field("mfa", "MFA code"),
    ], submit, operation="AssumeRole")


def _caller(store: Store, credentials: dict):
    return store.credentials_caller(credentials["AccessKeyId"],
                                    credentials["SecretAccessKey"],
                                    credentials.get("SessionToken"))
