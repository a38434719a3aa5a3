"""Virtual MFA devices: CreateVirtualMFADevice, EnableMFADevice, ResyncMFADevice,
DeactivateMFADevice, DeleteVirtualMFADevice, ListMFADevices, ListVirtualMFADevices,
GetMFADevice and the device tags — and the root user's own device, which the API cannot
name (EnableMFADevice requires a UserName; AWS enables root's device in the console).
https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable_virtual.html,
https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateVirtualMFADevice.html
(and siblings).

Table "mfa_devices": {SerialNumber (arn:aws:iam::ACCOUNT:mfa/PATH/NAME), Seed, Owner (a
user's UserId, "root", or None while unassigned), EnableDate, LastStep, Path, Name,
CreateDate, Tags}. The store keeps the seed in the clear because it must: a TOTP code
can only be checked by computing it from the seed (RFC 6238), as AWS must too. It leaves
the store once, in CreateVirtualMFADevice's response, and never reaches the audit trail
(store.audit hides Base32StringSeed, QRCodePNG and the authentication codes).
"""

import io

import segno

from .. import ids, mfa
from ..errors import (AccessDenied, DeleteConflict, EntityAlreadyExists,
                      InvalidAuthenticationCode, NoSuchEntity)
from ..operations import operation, tag_context
from ..principals import root
from . import tagging, users
from .holders import Holder, check_quota, holder, owned
from .paging import page

TABLE = "mfa_devices"
ROOT = "root"  # the Owner of the root user's devices
QR_SCALE = 4   # pixels per QR module in QRCodePNG

# How far from now the two consecutive codes may lie, in 30-second steps. Enabling: the
# last five minutes (people read two codes off a phone and type them). Resyncing: twenty
# minutes either way (the device's clock may be off; AWS documents no figure).
ENABLE_STEPS = 10
RESYNC_STEPS = 40


def device_resource(account, params) -> str:
    """What the device actions are authorized against: the device's ARN (its serial
    number), or the one CreateVirtualMFADevice makes (the "mfa" resource type:
    https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html
    )."""
    if params.get("SerialNumber"):
        return params["SerialNumber"]
    return ids.arn(account.id, "mfa", params.get("Path") or "/",
                   params.get("VirtualMFADeviceName", ""))


def all_devices_resource(account, params) -> str:
    """ListVirtualMFADevices is refused "on resource: arn:aws:iam::ACCOUNT:mfa/" (as AWS
    words the AccessDenied); a policy on ``mfa/*`` or ``*`` covers it."""
    return f"arn:aws:iam::{account.id}:mfa/"


# --- the device's life --------------------------------------------------------------

@operation("CreateVirtualMFADevice", resource=device_resource, context=tag_context)
def create_virtual_mfa_device(account, params, caller):
    """A new, unassigned device. Its seed is in the response twice — as base32 text and
    as a QR code of the otpauth URI an authenticator app reads — and never again."""
    name, path = params["VirtualMFADeviceName"], params.get("Path") or "/"
    if account.database.index(TABLE, "Name", fold=True).get(name.lower()) is not None:
        raise EntityAlreadyExists("MFADevice entity at the same path and name already exists.")
    device = {"SerialNumber": ids.arn(account.id, "mfa", path, name), "Seed": mfa.new_seed(),
              "Owner": None, "EnableDate": None, "Path": path, "Name": name,
              "CreateDate": account.now, "Tags": []}
    if params.get("Tags"):
        tagging.add(account, device, params["Tags"])
    account.table(TABLE).insert(device)
    return {"VirtualMFADevice": {"SerialNumber": device["SerialNumber"],
                                 "Base32StringSeed": device["Seed"].encode(),
                                 "QRCodePNG": qr_code_png(account, name, device["Seed"]),
                                 "Tags": device["Tags"]}}


def qr_code_png(account, device_name: str, seed: str) -> bytes:
    """The QR code AWS returns: the otpauth URI labelled with the account's alias (else
    its id), as a PNG."""
    buffer = io.BytesIO()
    segno.make(mfa.device_uri(account, device_name, seed), error="m").save(
        buffer, kind="png", scale=QR_SCALE)
    return buffer.getvalue()


# The actions on a user's devices are authorized on the user's ARN (store.ops.access_keys
# ``holder``: the user named, else the caller).

@operation("EnableMFADevice", self_authorized=True)
def enable_mfa_device(account, params, caller):
    enable(account, params, holder(account, params, caller, "EnableMFADevice"))
    return {}


@operation("ResyncMFADevice", self_authorized=True)
def resync_mfa_device(account, params, caller):
    """Two fresh consecutive codes within twenty minutes either way of now; they are used
    up, as the codes of a sign-in are. No clock offset is kept: sign-in (store.mfa)
    still accepts one step of drift either way, no more."""
    owner = holder(account, params, caller, "ResyncMFADevice")
    device = assigned(account, params["SerialNumber"], owner)
    now = mfa.step_now()
    step = consecutive_codes(device, params, now - RESYNC_STEPS, now + RESYNC_STEPS)
    device["LastStep"] = step + 1
    account.replace(TABLE, device)
    return {}


@operation("DeactivateMFADevice", self_authorized=True)
def deactivate_mfa_device(account, params, caller):
    """"Deactivates the specified MFA device and removes it from association with the
    user name for which it was originally enabled." Without UserName: the caller's."""
    owner = holder(account, params, caller, "DeactivateMFADevice")
    device = assigned(account, params["SerialNumber"], owner)
    device.update({"Owner": None, "EnableDate": None})
    account.replace(TABLE, device)
    return {}


@operation("DeleteVirtualMFADevice", resource=device_resource)
def delete_virtual_mfa_device(account, params, caller):
    """"You must deactivate a user's virtual MFA device before you can delete it.\""""
    device = existing(account, params["SerialNumber"])
    if device["Owner"] is not None:
        raise DeleteConflict("MFA device is still in use.")
    account.table(TABLE).remove(doc_ids=[device.doc_id])
    return {}


# --- listings -----------------------------------------------------------------------

@operation("ListMFADevices", writes=False, self_authorized=True)
def list_mfa_devices(account, params, caller):
    """The devices of the user named, else of the caller (the root user's own, for the
    root user, named by the account id)."""
    owner = holder(account, params, caller, "ListMFADevices")
    return page([listed(device, owner) for device in owned(account, TABLE, owner.owner)],
                params, "MFADevices")


@operation("GetMFADevice", writes=False, self_authorized=True)
def get_mfa_device(account, params, caller):
    """AWS answers it for FIDO keys; here a virtual device answers with what ListMFADevices
    shows of it (it has no Certifications)."""
    owner = holder(account, params, caller, "GetMFADevice")
    return listed(assigned(account, params["SerialNumber"], owner), owner)


@operation("ListVirtualMFADevices", writes=False, resource=all_devices_resource)
def list_virtual_mfa_devices(account, params, caller):
    """Assigned, Unassigned or Any (the default) devices, each with its user when
    assigned. "This operation does not return tags", nor the seed."""
    status = params.get("AssignmentStatus") or "Any"
    chosen = [device for device in devices(account)
              if status == "Any" or (device["Owner"] is not None) == (status == "Assigned")]
    return page([{"SerialNumber": device["SerialNumber"], "User": owner_user(account, device),
                  "EnableDate": device["EnableDate"]} for device in chosen],
                params, "VirtualMFADevices")


# --- tags ---------------------------------------------------------------------------

@operation("TagMFADevice", resource=device_resource, context=tag_context)
def tag_mfa_device(account, params, caller):
    device = existing(account, params["SerialNumber"])
    tagging.add(account, device, params["Tags"])
    account.replace(TABLE, device)
    return {}


@operation("UntagMFADevice", resource=device_resource)
def untag_mfa_device(account, params, caller):
    device = existing(account, params["SerialNumber"])
    tagging.remove(device, params["TagKeys"])
    account.replace(TABLE, device)
    return {}


@operation("ListMFADeviceTags", writes=False, resource=device_resource)
def list_mfa_device_tags(account, params, caller):
    return tagging.listing(existing(account, params["SerialNumber"]), params)


# --- the root user's own device ------------------------------------------------------

def enable_root_device(store, serial_number: str, code1: str, code2: str, caller) -> None:
    """EnableMFADevice for the root user (only the root user may)."""
    require_root(caller)
    params = {"SerialNumber": serial_number, "AuthenticationCode1": code1,
              "AuthenticationCode2": code2}
    store.change(caller, "iam", "EnableMFADevice", params, lambda account: enable(
        account, params, holder(account, {}, caller, "EnableMFADevice")))


def deactivate_root_device(store, serial_number: str, caller) -> None:
    """DeactivateMFADevice of a device of the root user (only the root user may)."""
    require_root(caller)
    store.call("DeactivateMFADevice", {"SerialNumber": serial_number}, caller)


def list_root_devices(store, caller) -> dict:
    """ListMFADevices of the root user (only the root user may)."""
    require_root(caller)
    return store.call("ListMFADevices", {}, caller)


def require_root(caller) -> None:
    if not caller.is_root:
        raise AccessDenied(f"User: {caller.arn} is not authorized to manage the root "
                           "user's MFA devices (only the root user may)")


# --- shared by the operations -------------------------------------------------------

def enable(account, params: dict, owner: Holder) -> None:
    """Assign the device to ``owner`` on two fresh consecutive codes from the last few
    minutes, and use both up: the device remembers the later step. Up to eight devices
    each ("Your AWS account root user and IAM users can register up to eight MFA devices
    of any type", Using_ManagingMFA.html)."""
    device = existing(account, params["SerialNumber"])
    if device["Owner"] is not None:
        raise EntityAlreadyExists("MFA device is already in use.")
    check_quota(account, TABLE, owner, "MFADevicesPerUser")
    now = mfa.step_now()
    step = consecutive_codes(device, params, now - ENABLE_STEPS, now + mfa.SKEW - 1)
    device.update({"Owner": owner.owner, "EnableDate": account.now, "LastStep": step + 1})
    account.replace(TABLE, device)


def consecutive_codes(device: dict, params: dict, earliest: int, latest: int) -> int:
    """The step s, from ``earliest`` to ``latest`` and after the device's last used step,
    whose code is AuthenticationCode1 while s + 1's is AuthenticationCode2."""
    seed = device["Seed"]
    first, second = params["AuthenticationCode1"], params["AuthenticationCode2"]
    for step in range(max(earliest, device.get("LastStep", -1) + 1), latest + 1):
        if (mfa.matching_step(seed, first, step, skew=0) == step
                and mfa.matching_step(seed, second, step + 1, skew=0) == step + 1):
            return step
    raise InvalidAuthenticationCode("Authentication code for device is not valid.")


def existing(account, serial_number: str) -> dict:
    device = account.lookup(TABLE, "SerialNumber", serial_number)
    if device is None:
        raise NoSuchEntity(f"VirtualMFADevice with serial number {serial_number} "
                           "doesn't exist.")
    return device


def assigned(account, serial_number: str, owner: Holder) -> dict:
    """The device, if it is enabled for ``owner``."""
    device = existing(account, serial_number)
    if device["Owner"] != owner.owner:
        raise NoSuchEntity(f"Device {serial_number} not found")
    return device


def devices(account) -> list[dict]:
    return sorted(account.table(TABLE).all(), key=lambda device: device["SerialNumber"])


def listed(device: dict, owner: Holder) -> dict:
    """An MFADevice, as ListMFADevices shows it."""
    return {"UserName": owner.name, "SerialNumber": device["SerialNumber"],
            "EnableDate": device["EnableDate"]}


def owner_user(account, device: dict) -> dict | None:
    """The User a device is assigned to, as listings show users; the root user answers
    as GetUser answers for it (UserId the account id, Arn ...:root)."""
    if device["Owner"] is None:
        return None
    if device["Owner"] == ROOT:
        return users.get_user(account, {}, root(account.id))["User"]
    user = account.by_id("user", device["Owner"])  # DeleteUser refuses while it has one
    return {key: value for key, value in user.items() if key not in users.NOT_LISTED}
