"""``QrCode(data)``: text drawn as a QR code in the terminal, for a phone to scan (an
MFA device's otpauth URI).

segno draws it in half blocks, two modules to a character cell, the light modules as
the blocks' foreground: so the widget is white on black in its own CSS, whatever the
theme, or a light theme would invert the code. Sizes: an otpauth URI as AWS's QR codes
carry it (``store.mfa.otpauth_uri``, a 64-character seed) is a version 9 code at error
level M, 53 modules a side; with a 2-module quiet zone that is 57 columns by 29 rows. An
80x24 terminal cannot show it whole, whatever is beside it — the screen that shows it
also shows the secret as text (AWS's "Show secret key") and lets the code scroll.
"""

import io

import segno
from rich.text import Text
from textual.widgets import Static

# The quiet zone, in modules. The standard asks for 4; phone readers manage with 2, and
# 2 saves four rows (the blocks around it are the app's, not the code's).
BORDER = 2


def drawing(data: str) -> str:
    """``data`` as a QR code (error correction level M) in half-block characters."""
    buffer = io.StringIO()
    segno.make(data, error="m").terminal(out=buffer, compact=True, border=BORDER)
    return buffer.getvalue().rstrip("\n")


class QrCode(Static):
    DEFAULT_CSS = """
    QrCode { width: auto; height: auto; color: #ffffff; background: #000000; }
    """

    def __init__(self, data: str = "", **kwargs):
        super().__init__(**kwargs)
        self.data = data
        if data:
            self.show(data)

    def show(self, data: str) -> None:
        self.data = data
        self.update(Text(drawing(data), no_wrap=True, overflow="crop"))
