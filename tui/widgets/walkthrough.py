"""The guided walkthrough ``iamtui demo`` opens beside the app: the seed module's
sections (shared/seed/iam-module.md) one step at a time, each pointing at what to look at
and which key to press in the demo account, while the rest of the app stays live."""

from rich.text import Text
from textual.widgets import Static

from store.demo import DEMO_PASSWORD

STEPS = (
    ("The root user",
     "The account starts with one identity, the root user: complete access, and no policy "
     "can limit it. The header says you are acting as root now. AWS's advice: use it to "
     "create an administrator, then lock it away. Press M to give root an MFA device."),
    ("Users",
     "An IAM user is a name and credentials. Press 1: admin has AdministratorAccess "
     "instead of everyone using root; bob has ReadOnlyAccess. Select bob and press d to "
     "see his policies, password and keys."),
    ("Groups",
     "Press 2. Developers holds alice and dave: whatever is attached to the group, its "
     "members may do. Select it and press d; u adds a member."),
    ("Policies",
     "Press 4 and open DeveloperTableAndBucket: it allows one DynamoDB table and the "
     "corporate bucket, and its Deny with NotResource refuses everything else in those "
     "services, even if another policy allows it. e opens the editor."),
    ("Explicit deny",
     "alice is in Developers, which may read bucket-name/*, but her inline DenySecret "
     "denies bucket-name/secret/*. Press x with alice selected, action s3:GetObject, "
     "resource arn:aws:s3:::bucket-name/secret/pay.csv: explicitly denied. Change the "
     "resource: allowed."),
    ("Implicit deny",
     "Nothing is allowed unless a policy allows it. In the evaluation panel, ask whether "
     "dave may do ec2:RunInstances on *: no statement allows it, so it is implicitly "
     "denied, and the panel shows the closest statements."),
    ("Roles and temporary credentials",
     "Press 3. EC2S3ReadRole's trust policy lets EC2 instances and the account's users "
     "assume it; its permissions read the bucket, and the bucket's own policy lets the "
     "role read objects. Sign in as admin (s), then assume the role (s on the roles pane): "
     "the header shows the role session."),
    ("MFA",
     "Select alice on the users pane and press m: scan the QR code (or type the key), "
     "enter two consecutive codes, and the device is hers. Signing in as alice now asks "
     "for a code too."),
    ("Signing in",
     f"Press s with alice selected (password {DEMO_PASSWORD}). Now every call is alice's: "
     "try n to create a user — AccessDenied, in AWS's words. o signs out, back to root."),
    ("Federation",
     "WebIdentityReadOnly trusts accounts.google.com: users signed in with Google get "
     "temporary ReadOnlyAccess through AssumeRoleWithWebIdentity, with no IAM user of "
     "their own. Open it on the roles pane and read its trust policy."),
)


class Walkthrough(Static):
    DEFAULT_CSS = """
    Walkthrough { width: 34; height: 1fr; border-left: solid $accent; padding: 0 1; }
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.step = 0

    def on_mount(self) -> None:
        self.show()

    def move(self, by: int) -> None:
        self.step = max(0, min(len(STEPS) - 1, self.step + by))
        self.show()

    def show(self) -> None:
        title, text = STEPS[self.step]
        self.update(Text.assemble((f"{self.step + 1}/{len(STEPS)} {title}\n\n", "bold"),
                                  text, ("\n\nctrl+n next · ctrl+b back", "dim")))
