"""``iamtui keys generate-ssh-key-pair --user-name NAME [--private-key-file PATH]``: make an
Ed25519 key pair for a user, upload its public half (as UploadSSHPublicKey), and hand
over the private half once (store/keypairs.py).

With ``--private-key-file`` the private key goes to a new file, mode 0600 (an existing
file is never overwritten), and the key's id and fingerprint to stdout. Without it the
private key is the whole of stdout (so it can be piped), and the id and fingerprint go
to stderr.
"""

import contextlib
import os
import sys

from store import IamError, Store, keypairs

from ..caller import caller
from ..output import BadInput, print_table, service_failure
from ..parser import store_command


def register(subparsers):
    parser = store_command(subparsers, "keys", "make credentials for users")
    actions = parser.add_subparsers(title="actions", metavar="ACTION", required=True)
    generate = store_command(
        actions, "generate-ssh-key-pair",
        "make an Ed25519 SSH key pair for a user and upload its public key",
        "Make an Ed25519 SSH key pair for a user, upload its public key (as "
        "upload-ssh-public-key does) and give the private key once: it is not kept.")
    generate.add_argument("--user-name", required=True, metavar="NAME")
    generate.add_argument("--private-key-file", metavar="PATH",
                          help="write the private key to this new file (mode 0600) "
                               "instead of stdout")
    generate.set_defaults(run=run_generate)


def run_generate(args) -> int:
    store = Store(args.db)
    with _private_key_output(args.private_key_file) as out:
        try:
            pair = keypairs.generate(store, args.user_name, caller(store, args.caller))
        except IamError as err:
            raise service_failure(err, "UploadSSHPublicKey") from None
        out.write(pair.private_key)
    rows = [("SSHPublicKeyId", pair.public["SSHPublicKeyId"]),
            ("Fingerprint", pair.public["Fingerprint"])]
    if args.private_key_file:
        print_table(rows + [("PrivateKeyFile", args.private_key_file)])
    else:
        with contextlib.redirect_stdout(sys.stderr):
            print_table(rows)
    return 0


@contextlib.contextmanager
def _private_key_output(path: str | None):
    """Where the private key goes: stdout, or ``path`` created 0600 before the key is
    made (so a file that is there already refuses the command before anything is
    uploaded), and removed again if the command fails."""
    if path is None:
        yield sys.stdout
        return
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise BadInput(f"Error: {path} exists; not overwriting it") from None
    except OSError as err:
        raise BadInput(f"Error: cannot create {path}: {err.strerror}") from None
    try:
        with os.fdopen(fd, "w") as handle:
            yield handle
    except BaseException:
        os.unlink(path)
        raise
