"""Secrets stay secret: after one full credential workflow — passwords set and changed, a
sign-in with MFA, access keys used, temporary credentials from GetSessionToken and
AssumeRole, a generated SSH key pair — neither the store file nor the audit trail holds
a password, an MFA code, a secret access key, a session token or a private key.

DESIGN.md: "holds no secret in the clear that it does not need to verify with";
the issue: "A test greps the store file and the audit trail after a full credential
workflow and finds no password, secret key or private key in them." (The MFA seed is in
the store by necessity — a code is checked by computing it — and never in the trail.)
"""

import json

import pyotp

from store import keypairs, signin
from store.mfa import STEP, step_now

PASSWORD = "Corr3ct-Horse-Battery"
NEW_PASSWORD = "St4ple-Newer-Horse!"
TRUST = json.dumps({"Version": "2012-10-17", "Statement": [{
    "Effect": "Allow", "Action": "sts:AssumeRole",
    "Principal": {"AWS": "arn:aws:iam::123456789012:user/alice"}}]})


def enable_mfa(store, user: str) -> tuple[str, str]:
    device = store.call("CreateVirtualMFADevice", {"VirtualMFADeviceName": user})
    seed = device["VirtualMFADevice"]["Base32StringSeed"].decode()
    serial = device["VirtualMFADevice"]["SerialNumber"]
    totp, step = pyotp.TOTP(seed), step_now() - 2
    store.call("EnableMFADevice", {"UserName": user, "SerialNumber": serial,
                                   "AuthenticationCode1": totp.at(step * STEP),
                                   "AuthenticationCode2": totp.at((step + 1) * STEP)})
    return serial, seed


def test_no_secret_in_the_store_or_the_trail_after_a_credential_workflow(store):
    secrets = [PASSWORD, NEW_PASSWORD]
    store.call("UpdateAccountPasswordPolicy", {"AllowUsersToChangePassword": True})
    store.call("CreateUser", {"UserName": "alice"})
    store.call("CreateLoginProfile", {"UserName": "alice", "Password": PASSWORD})
    serial, seed = enable_mfa(store, "alice")
    code = pyotp.TOTP(seed).now()
    secrets.append(code)
    console = signin.sign_in(store, account="123456789012", user_name="alice",
                             password=PASSWORD, mfa_code=code)
    secrets += [console["SecretAccessKey"], console["SessionToken"]]
    alice = store.credentials_caller(console["AccessKeyId"], console["SecretAccessKey"],
                                     console["SessionToken"])
    store.call("ChangePassword", {"OldPassword": PASSWORD, "NewPassword": NEW_PASSWORD},
               caller=alice)

    key = store.call("CreateAccessKey", {"UserName": "alice"})["AccessKey"]
    secrets.append(key["SecretAccessKey"])
    store.call("PutUserPolicy", {"UserName": "alice", "PolicyName": "Everything",
                                 "PolicyDocument": json.dumps({"Version": "2012-10-17",
                                 "Statement": [{"Effect": "Allow", "Action": "*",
                                                "Resource": "*"}]})})
    with_key = store.credentials_caller(key["AccessKeyId"], key["SecretAccessKey"])
    store.call("ListUsers", caller=with_key)

    session = store.call("GetSessionToken", {"SerialNumber": serial,
                                             "TokenCode": pyotp.TOTP(seed).at(
                                                 (step_now() + 1) * STEP)},
                         caller=with_key)["Credentials"]
    secrets += [session["SecretAccessKey"], session["SessionToken"]]
    store.call("CreateRole", {"RoleName": "Reader", "AssumeRolePolicyDocument": TRUST})
    role = store.call("AssumeRole", {"RoleArn": "arn:aws:iam::123456789012:role/Reader",
                                     "RoleSessionName": "reading"}, caller=with_key)["Credentials"]
    secrets += [role["SecretAccessKey"], role["SessionToken"]]

    pair = keypairs.generate(store, "alice")
    secrets += [line for line in pair.private_key.splitlines()
                if line and not line.startswith("-----")]

    with open(store.path, encoding="utf-8") as handle:
        on_disk = handle.read()
    with open(store.audit_path, encoding="utf-8") as handle:
        trail = handle.read()
    for secret in secrets:
        assert secret not in on_disk, "a secret is in the store file"
        assert secret not in trail, "a secret is in the audit trail"
    assert seed in on_disk and seed not in trail
    events = {json.loads(line)["eventName"] for line in trail.splitlines()}
    assert {"ConsoleLogin", "ChangePassword", "CreateAccessKey", "GetSessionToken",
            "AssumeRole", "UploadSSHPublicKey"} <= events
