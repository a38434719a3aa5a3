"""Virtual MFA: TOTP (RFC 6238) as AWS's virtual devices use it — SHA-1, six digits,
30-second steps — with pyotp doing the arithmetic.

A code is accepted within one step of clock skew either way, and never twice: the device
remembers the last time step it accepted, and a code for that step or an earlier one is
refused (a replayed code). Seeds are 320 bits (AWS's are 64 base32 characters).
https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable_virtual.html
"""

import base64
import secrets
import time
import urllib.parse

import pyotp

STEP = 30
SKEW = 1  # steps of clock drift accepted either way


def new_seed() -> str:
    return base64.b32encode(secrets.token_bytes(40)).decode()


def otpauth_uri(device_name: str, account_label: str, seed: str) -> str:
    """What AWS's QR code carries: ``otpauth://totp/Amazon Web Services:NAME@ACCOUNT``
    (the account's alias, else its id) with the secret and the issuer; the label's ":"
    and "@" stay as they are, as in the URIs decoded from AWS's QR codes
    (``otpauth://totp/Amazon%20Web%20Services:fvogtMFADevice@linux240b?...``)."""
    issuer = "Amazon Web Services"
    label = urllib.parse.quote(f"{issuer}:{device_name}@{account_label}", safe=":@")
    return f"otpauth://totp/{label}?secret={seed}&issuer={urllib.parse.quote(issuer)}"


def device_uri(account, device_name: str, seed: str) -> str:
    """``otpauth_uri`` labelled as AWS labels it: the account's alias, else its id."""
    return otpauth_uri(device_name, (account.info.get("AccountAliases") or [account.id])[0],
                       seed)


def step_now(now: float | None = None) -> int:
    return int((time.time() if now is None else now) // STEP)


def matching_step(seed: str, code: str, around: int, skew: int = SKEW) -> int | None:
    """The time step within ``skew`` of ``around`` whose code is ``code``, if any."""
    if not (isinstance(code, str) and len(code) == 6 and code.isdigit()):
        return None
    totp = pyotp.TOTP(seed, digits=6, interval=STEP)
    for step in range(around - skew, around + skew + 1):
        if secrets.compare_digest(totp.at(step * STEP), code):
            return step
    return None


def accept(device: dict, code: str, now: float | None = None) -> bool:
    """Whether ``code`` is a fresh, valid code of the enabled ``device``; if so the device
    records its step (the caller stores the device), so the code cannot be used again."""
    step = matching_step(device["Seed"], code, step_now(now))
    if step is None or step <= device.get("LastStep", -1):
        return False
    device["LastStep"] = step
    return True


def verify(account, owner: str, serial_number: str, code: str) -> bool:
    """Whether ``code`` is a fresh code of the MFA device ``serial_number``, enabled for
    ``owner`` (a UserId, or "root"); an accepted code is used up. Devices live in the
    ``mfa_devices`` table: {SerialNumber, Seed, Owner, EnableDate, LastStep, ...}."""
    device = account.lookup("mfa_devices", "SerialNumber", serial_number)
    if device is None or device.get("Owner") != owner or not device.get("EnableDate"):
        return False
    if not accept(device, code):
        return False
    account.replace("mfa_devices", device)
    return True
