"""``MfaEnrollScreen(user_name)``: assign a virtual MFA device to an IAM user, or to the
root user (``user_name`` None), as the IAM console does it
(https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable_virtual.html,
enable-virt-mfa-for-root.html):

1. CreateVirtualMFADevice as the screen opens. Its response carries the device's seed
   once, as AWS's does (Base32StringSeed, QRCodePNG), and never again: the screen draws
   the QR code of the otpauth URI in the terminal (tui/widgets/qr.py) and shows the secret
   in groups of four beside it, for an authenticator app that cannot scan.
2. Two consecutive codes from the app, then ``enter``: EnableMFADevice (for the root user
   ``store.ops.mfa_devices.enable_root_device``, since the API cannot name the root user
   — only the root user may). A wrong, stale or replayed code is refused in AWS's words
   and the codes can be typed again; on success the screen closes and the user's detail
   lists the device (every view re-reads the store).
3. ``esc`` cancels, and deletes the device that was never enabled (DeleteVirtualMFADevice),
   as the console does when its wizard is cancelled: an unassigned device would only
   leave a seed behind. Leaving the app with the screen open does the same.

Where the console asks for the device's name, the screen takes the user's name (for the
root user ``root-account-mfa-device``, the serial number AWS gave root's virtual device
before names were asked); if another device has it, the first free of NAME-2 … NAME-8
(eight devices a principal at most).
"""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from store import IamError, mfa
from store.ops import mfa_devices

from ..output import error_text
from ..widgets.qr import QrCode

ROOT_DEVICE = "root-account-mfa-device"
NAMES_TRIED = 8
STEPS_WIDTH = 22   # the column of steps beside the code
SCAN = "1. Scan the code with an authenticator app, or type this key:"


def grouped(secret: str, per_line: int = 4) -> str:
    """``JBSW Y3DP EHPK 3PXP`` …: the secret in groups of four, ``per_line`` a line."""
    groups = [secret[start:start + 4] for start in range(0, len(secret), 4)]
    return "\n".join(" ".join(groups[start:start + per_line])
                     for start in range(0, len(groups), per_line))


class MfaEnrollScreen(Screen[bool]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="mfa.cancel")]
    DEFAULT_CSS = """
    MfaEnrollScreen #mfa-title { text-wrap: nowrap; text-overflow: ellipsis; }
    MfaEnrollScreen #mfa-body { height: 1fr; }
    MfaEnrollScreen #mfa-qr { width: auto; height: 1fr; overflow: hidden; }
    MfaEnrollScreen #mfa-steps { width: 1fr; min-width: 22; height: auto; padding: 0 1; }
    MfaEnrollScreen #mfa-secret { text-style: bold; margin: 1 0; }
    MfaEnrollScreen Input { width: 10; margin-bottom: 1; }
    MfaEnrollScreen #mfa-refusal { color: $text-error; height: auto; padding: 0 1;
                                   display: none; }
    MfaEnrollScreen .hint { color: $text-muted; }
    """

    def __init__(self, user_name: str | None):
        super().__init__()
        self.user_name = user_name
        self.serial_number: str | None = None   # the device made for this enrollment
        self.enabled = False

    @property
    def who(self) -> str:
        return self.user_name if self.user_name is not None else "the root user"

    def compose(self) -> ComposeResult:
        yield Static(Text(f"Virtual MFA for {self.who}", "bold"), id="mfa-title",
                     classes="title")
        with Horizontal(id="mfa-body"):
            with Vertical(id="mfa-qr"):
                yield QrCode()
            with Vertical(id="mfa-steps"):
                yield Static(SCAN, id="mfa-scan")
                yield Static(id="mfa-secret")
                yield Static("2. Code 1")
                yield Input(placeholder="6 digits", restrict=r"[0-9]*", max_length=6,
                            compact=True, id="code1")
                yield Static("3. Code 2: the next code the app shows")
                yield Input(placeholder="6 digits", restrict=r"[0-9]*", max_length=6,
                            compact=True, id="code2")
                yield Static("⏎ enable   esc cancel", classes="hint")
        yield Static(id="mfa-refusal")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#mfa-body").display = False
        if self.app.read_only:
            self.say("read-only: enrolling an MFA device would change the account")
            return
        if self.user_name is None:
            try:   # the store's rule: only the root user manages root's devices
                mfa_devices.require_root(self.app.acting)
            except IamError as err:
                self.say(error_text(err, "EnableMFADevice"))
                return
        try:
            device = self.create_device()
        except IamError as err:
            self.say(error_text(err, "CreateVirtualMFADevice"))
            return
        self.serial_number = device["SerialNumber"]
        seed = device["Base32StringSeed"].decode()
        name = self.serial_number.rsplit("/", 1)[-1]
        self.query_one(QrCode).show(mfa.device_uri(self.app.session.account(), name, seed))
        self.query_one("#mfa-secret", Static).update(Text(grouped(seed)))
        self.query_one("#mfa-title", Static).update(Text.assemble(
            (f"Virtual MFA for {self.who}", "bold"), "  ", self.serial_number))
        self.query_one("#mfa-body").display = True
        self.query_one("#code1", Input).focus()
        self.call_after_refresh(self.say_if_cut)

    def say(self, words: str) -> None:
        """Why nothing can be enrolled, or why the codes were refused: AWS's words,
        under everything."""
        refusal = self.query_one("#mfa-refusal", Static)
        refusal.update(Text(words))
        refusal.display = bool(words)

    def create_device(self) -> dict:
        """CreateVirtualMFADevice with the first free name; its VirtualMFADevice."""
        base = self.user_name or ROOT_DEVICE
        names = [base, *(f"{base}-{number}" for number in range(2, NAMES_TRIED + 1))]
        for name in names[:-1]:
            try:
                return self.make(name)
            except IamError as err:
                if err.code != "EntityAlreadyExists":
                    raise
        return self.make(names[-1])

    def make(self, name: str) -> dict:
        return self.app.call("CreateVirtualMFADevice",
                             {"VirtualMFADeviceName": name})["VirtualMFADevice"]

    def on_resize(self) -> None:
        self.say_if_cut()

    def say_if_cut(self) -> None:
        """When the terminal is too small for the whole QR code, say so in step 1: a
        cut code cannot be scanned, the key can still be typed."""
        if self.serial_number is None:
            return
        code, box = self.query_one(QrCode), self.query_one("#mfa-qr")
        height, width = code.outer_size.height, code.outer_size.width
        cut = height > box.size.height or width > box.size.width
        self.query_one("#mfa-scan", Static).update(
            f"1. The code needs a {width + STEPS_WIDTH}x{height + 2} terminal to scan; "
            "type this key into the authenticator app:" if cut else SCAN)

    # --- enabling -----------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "code1":
            self.query_one("#code2", Input).focus()
        else:
            self.enable()

    def enable(self) -> None:
        first, second = self.query_one("#code1", Input), self.query_one("#code2", Input)
        try:
            if self.user_name is None:
                mfa_devices.enable_root_device(self.app.store, self.serial_number,
                                               first.value, second.value, self.app.acting)
                self.app.notice_outside_change()
            else:
                self.app.call("EnableMFADevice", {
                    "UserName": self.user_name, "SerialNumber": self.serial_number,
                    "AuthenticationCode1": first.value, "AuthenticationCode2": second.value})
        except IamError as err:
            self.say(error_text(err, "EnableMFADevice"))
            first.value = second.value = ""
            first.focus()
            return
        self.enabled = True
        self.notify(f"MFA device {self.serial_number} enabled for {self.who}", markup=False)
        self.dismiss(True)

    # --- leaving ------------------------------------------------------------------------

    def action_cancel(self) -> None:
        self.dismiss(False)

    def on_unmount(self) -> None:
        """A device made here and never enabled is deleted (cancelled, or the app left)."""
        if self.serial_number is not None and not self.enabled:
            self.app.attempt("DeleteVirtualMFADevice", {"SerialNumber": self.serial_number})
