"""``iamtui root enable-mfa-device | deactivate-mfa-device | list-mfa-devices``: the root
user's own virtual MFA device, which AWS enables in the console's "My security
credentials" — the API's EnableMFADevice requires an IAM user's name
(https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-virt-mfa-for-root.html).
Make the device first with ``iamtui iam create-virtual-mfa-device``. Only the root user
may; flags, JSON and errors as ``iamtui iam``'s.
"""

from store import IamError, Store
from store.ops import mfa_devices

from ..caller import caller
from ..output import print_json, service_failure
from ..parser import store_command


def register(subparsers):
    parser = store_command(subparsers, "root", "the root user's own MFA devices",
                           "The root user's own virtual MFA devices (root only).")
    actions = parser.add_subparsers(title="actions", metavar="ACTION", required=True)
    enable = _with_serial_number(store_command(
        actions, "enable-mfa-device",
        "assign a virtual MFA device to the root user, on two consecutive codes"))
    enable.add_argument("--authentication-code1", required=True, metavar="CODE",
                        help="a code the device shows")
    enable.add_argument("--authentication-code2", required=True, metavar="CODE",
                        help="the code the device shows next")
    enable.set_defaults(run=run_enable)
    deactivate = _with_serial_number(store_command(
        actions, "deactivate-mfa-device", "take a virtual MFA device from the root user"))
    deactivate.set_defaults(run=run_deactivate)
    store_command(actions, "list-mfa-devices", "the root user's MFA devices").set_defaults(
        run=run_list)


def _with_serial_number(parser):
    parser.add_argument("--serial-number", required=True, metavar="ARN",
                        help="the device's serial number (its ARN)")
    return parser


def run_enable(args) -> int:
    _as_caller(args, "EnableMFADevice", lambda store, who: mfa_devices.enable_root_device(
        store, args.serial_number, args.authentication_code1, args.authentication_code2, who))
    return 0


def run_deactivate(args) -> int:
    _as_caller(args, "DeactivateMFADevice", lambda store, who:
               mfa_devices.deactivate_root_device(store, args.serial_number, who))
    return 0


def run_list(args) -> int:
    print_json(_as_caller(args, "ListMFADevices", mfa_devices.list_root_devices))
    return 0


def _as_caller(args, operation: str, call):
    """``call(store, caller)`` for the caller ``--as`` names (the root user by default),
    with the store's errors worded as the AWS CLI words them."""
    store = Store(args.db)
    try:
        return call(store, caller(store, args.caller) or store.identity("root"))
    except IamError as err:
        raise service_failure(err, operation) from None
