"""What the AWS CLI adds to a generated command, keyed by operation: extra flags, and a
step that handles the response before it is printed.

``create-virtual-mfa-device`` is the one customized here, as the AWS CLI does in
awscli/customizations/iamvirtmfa.py
(https://docs.aws.amazon.com/cli/latest/reference/iam/create-virtual-mfa-device.html):
``--outfile`` and ``--bootstrap-method QRCodePNG|Base32StringSeed``, both required; the
chosen bootstrap datum is written to the file, and both are taken out of the output, so
neither the seed nor the image is ever printed. The file is made mode 0600: it holds a
secret ("treated like any other secret access information").
"""

import argparse
import os
from collections.abc import Callable
from dataclasses import dataclass

from ..output import OTHER_ERROR, Failure


@dataclass(frozen=True)
class Customization:
    add_arguments: Callable[[argparse.ArgumentParser], None]
    after_call: Callable[[argparse.Namespace, dict], dict]  # the response to print


NONE = Customization(lambda parser: None, lambda args, response: response)

BOOTSTRAP_METHODS = ("QRCodePNG", "Base32StringSeed")


def customization(operation: str) -> Customization:
    return CUSTOMIZATIONS.get(operation, NONE)


def _bootstrap_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--outfile", required=True, type=_writable, metavar="PATH",
                        help="The output path and file name where the bootstrap "
                             "information will be stored.")
    parser.add_argument("--bootstrap-method", required=True, choices=BOOTSTRAP_METHODS,
                        help="Method to use to seed the virtual MFA.")


def _writable(path: str) -> str:
    """The AWS CLI checks the file can be written before it calls the service."""
    path = os.path.abspath(os.path.expanduser(os.path.expandvars(path)))
    if not os.access(os.path.dirname(path), os.W_OK):
        raise argparse.ArgumentTypeError(f"Unable to write to file: {path}")
    return path


def _save_bootstrap(args: argparse.Namespace, response: dict) -> dict:
    device = dict(response["VirtualMFADevice"])
    try:
        fd = os.open(args.outfile, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), 0o600)  # a file that was already there, too
            handle.write(device[args.bootstrap_method])
    except OSError as err:
        raise Failure(f"\nUnable to write to file: {args.outfile}: {err.strerror}. The "
                      f"device {device['SerialNumber']} was made; delete it and try again.",
                      OTHER_ERROR) from None
    for method in BOOTSTRAP_METHODS:
        device.pop(method, None)
    return {**response, "VirtualMFADevice": device}


CUSTOMIZATIONS = {
    "CreateVirtualMFADevice": Customization(_bootstrap_arguments, _save_bootstrap),
}
