"""``iamtui sts ...`` and ``iamtui providers set-jwks``, run as installed, with credentials
in the AWS CLI's environment variables
(https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-envvars.html) and output
shaped as ``aws sts`` prints it
(https://awscli.amazonaws.com/v2/documentation/api/latest/reference/sts/assume-role.html).
"""

import json
import time

import jwt
from cryptography.hazmat.primitives.asymmetric import ec

ACCOUNT = "123456789012"
ROLE_ARN = f"arn:aws:iam::{ACCOUNT}:role/deploy"


def with_credentials(env: dict, credentials: dict) -> None:
    """Point the command's environment at these credentials (an AccessKey or STS
    Credentials member)."""
    env["AWS_ACCESS_KEY_ID"] = credentials["AccessKeyId"]
    env["AWS_SECRET_ACCESS_KEY"] = credentials["SecretAccessKey"]
    env.pop("AWS_SESSION_TOKEN", None)
    if "SessionToken" in credentials:
        env["AWS_SESSION_TOKEN"] = credentials["SessionToken"]


def make_role(store, principal: dict, action="sts:AssumeRole") -> None:
    store.call("CreateRole", {"RoleName": "deploy", "AssumeRolePolicyDocument": json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": principal,
                                                "Action": action}]})})


def test_get_caller_identity_from_the_environment(store, env, ok):
    store.call("CreateUser", {"UserName": "alice"})
    key = store.call("CreateAccessKey", {"UserName": "alice"})["AccessKey"]
    assert ok("sts", "get-caller-identity")["Arn"] == f"arn:aws:iam::{ACCOUNT}:root"
    with_credentials(env, key)
    alice = ok("sts", "get-caller-identity")
    assert list(alice) == ["UserId", "Account", "Arn"]
    assert alice["UserId"].startswith("AIDA")
    assert alice["Arn"] == f"arn:aws:iam::{ACCOUNT}:user/alice"
    # GetSessionToken's credentials stand for the same user
    with_credentials(env, ok("sts", "get-session-token", "--duration-seconds", "900")["Credentials"])
    assert ok("sts", "get-caller-identity")["Arn"] == alice["Arn"]


def test_assume_role_prints_aws_shaped_credentials(store, env, ok):
    store.call("CreateUser", {"UserName": "alice"})
    make_role(store, {"AWS": f"arn:aws:iam::{ACCOUNT}:user/alice"})
    response = ok("sts", "assume-role", "--as", "alice", "--role-arn", ROLE_ARN,
                  "--role-session-name", "release-9", "--duration-seconds", "900")
    assert list(response) == ["Credentials", "AssumedRoleUser"]
    credentials = response["Credentials"]
    assert list(credentials) == ["AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"]
    assert credentials["AccessKeyId"].startswith("ASIA")
    assert credentials["Expiration"].endswith("+00:00")  # as the AWS CLI prints timestamps
    session_arn = f"arn:aws:sts::{ACCOUNT}:assumed-role/deploy/release-9"
    assert response["AssumedRoleUser"]["Arn"] == session_arn
    with_credentials(env, credentials)
    assert ok("sts", "get-caller-identity")["Arn"] == session_arn


def test_assume_role_refusals_as_the_aws_cli_words_them(store, iamtui):
    make_role(store, {"AWS": f"arn:aws:iam::{ACCOUNT}:root"})
    done = iamtui("sts", "assume-role", "--role-arn", ROLE_ARN, "--role-session-name", "x1")
    assert done.returncode == 254
    assert done.stderr.strip() == ("An error occurred (AccessDenied) when calling the "
                                   "AssumeRole operation: Roles may not be assumed by root "
                                   "accounts.")


def test_forged_session_token_is_refused(store, env, iamtui, ok):
    store.call("CreateUser", {"UserName": "alice"})
    key = store.call("CreateAccessKey", {"UserName": "alice"})["AccessKey"]
    with_credentials(env, key)
    credentials = ok("sts", "get-session-token")["Credentials"]
    with_credentials(env, {**credentials, "SessionToken": credentials["SessionToken"][:-4] + "AAAA"})
    done = iamtui("sts", "get-caller-identity")
    assert done.returncode == 254
    assert "(InvalidClientTokenId)" in done.stderr


def test_web_identity_from_the_command_line(store, tmp_path, ok, iamtui):
    key = ec.generate_private_key(ec.SECP256R1())
    jwk = {**json.loads(jwt.algorithms.ECAlgorithm.to_jwk(key.public_key())), "kid": "k1"}
    (tmp_path / "keys.json").write_text(json.dumps({"keys": [jwk]}))
    arn = ok("iam", "create-open-id-connect-provider", "--url", "https://idp.example.com",
             "--client-id-list", "sts.amazonaws.com")["OpenIDConnectProviderArn"]
    make_role(store, {"Federated": arn}, "sts:AssumeRoleWithWebIdentity")
    now = int(time.time())
    token = jwt.encode({"iss": "https://idp.example.com", "sub": "job-1",
                        "aud": "sts.amazonaws.com", "iat": now, "exp": now + 300},
                       key, algorithm="ES256", headers={"kid": "k1"})
    assume = ("sts", "assume-role-with-web-identity", "--role-arn", ROLE_ARN,
              "--role-session-name", "job-1", "--web-identity-token", token)
    done = iamtui(*assume)
    assert done.returncode == 254 and "(InvalidIdentityToken)" in done.stderr  # no keys yet
    assert ok("providers", "set-jwks", "--open-id-connect-provider-arn", arn,
              "--jwks", f"file://{tmp_path / 'keys.json'}") is None
    response = ok(*assume)
    assert response["SubjectFromWebIdentityToken"] == "job-1"
    assert response["AssumedRoleUser"]["Arn"] == \
        f"arn:aws:sts::{ACCOUNT}:assumed-role/deploy/job-1"


def test_set_jwks_refuses_a_private_key(store, tmp_path, iamtui, ok):
    key = ec.generate_private_key(ec.SECP256R1())
    (tmp_path / "keys.json").write_text(json.dumps(
        {"keys": [json.loads(jwt.algorithms.ECAlgorithm.to_jwk(key))]}))
    arn = ok("iam", "create-open-id-connect-provider", "--url", "https://idp.example.com")[
        "OpenIDConnectProviderArn"]
    done = iamtui("providers", "set-jwks", "--open-id-connect-provider-arn", arn,
                  "--jwks", f"file://{tmp_path / 'keys.json'}")
    assert done.returncode == 254
    assert "An error occurred (InvalidInput)" in done.stderr and "private key" in done.stderr
    done = iamtui("providers", "set-jwks", "--open-id-connect-provider-arn", arn,
                  "--jwks", f"file://{tmp_path / 'absent.json'}")
    assert done.returncode == 252 and "Unable to load paramfile" in done.stderr
