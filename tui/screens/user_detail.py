"""One user described: its groups, its policies (attached, inline, and those each group
brings, marked "via GROUP"), permissions boundary, tags, and credentials — console
password, access keys with their last use, MFA devices, SSH public keys — each line read
with the Get / List call AWS has for it, as the acting principal.

Keys: ``g`` add to a group, ``a`` attach a managed policy, ``i`` new inline policy, ``b``
permissions boundary, ``t`` tag, ``p`` set or reset the console password, ``k`` new
access key (its secret shown once), ``s`` switch a key Active / Inactive, ``m`` enroll
an MFA device, ``x`` evaluate as this user, ``ctrl+d`` remove the line's part.

Removing the user itself is the users pane's ``ctrl+d``: AWS refuses DeleteUser while
any of these parts remain (DeleteConflict), so they are removed here first, one by one,
each visibly (API_DeleteUser.html).
"""

from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding

from store import IamError

from .console_password import set_console_password
from .detail import Item
from .group_detail import Membership, add_membership
from .policy_items import (Holder, Part, PolicyHolderScreen, boundary_lines, every,
                           policy_lines, section, when)
from .secret_shown import SecretShownScreen
from .tag_items import add_tag, tag_lines


class UserDetailScreen(PolicyHolderScreen):
    kind = "user"
    WRITES = PolicyHolderScreen.WRITES | {"join", "tag", "password", "new_key", "switch",
                                          "mfa"}
    BINDINGS = [Binding("g", "join", "Group", id="user.join"),
                Binding("b", "boundary", "Boundary", id="user.boundary"),
                Binding("t", "tag", "Tag", id="user.tag"),
                Binding("p", "password", "Password", id="user.password"),
                Binding("k", "new_key", "Access key", id="user.new_key"),
                Binding("s", "switch", "Switch", id="user.switch"),
                Binding("m", "mfa", "MFA", id="user.mfa"),
                Binding("x", "evaluate", "Evaluate", id="user.evaluate")]

    def __init__(self, name: str):
        super().__init__(name)
        self.user: dict = {}   # GetUser's answer, read with the title line

    def get_call(self) -> tuple[str, dict]:
        return "GetUser", {"UserName": self.entity_name}

    def title_line(self) -> str:
        self.user = self.app.session.call(*self.get_call())["User"]
        return f"{self.user['Arn']}   created {when(self.user['CreateDate'])}"

    def lines(self) -> list[Item]:
        session, holder, name = self.app.session, self.holder, {"UserName": self.entity_name}
        groups = []

        def read_groups() -> list[Item]:
            groups.extend(every(session, "ListGroupsForUser", name)["Groups"])
            return [Item("groups", group["GroupName"], group["Path"],
                         Membership(self.entity_name, group["GroupName"], opens="group"))
                    for group in groups]

        def read_policies() -> list[Item]:
            found = policy_lines(session, holder)
            for group in groups:
                found += section("policies", lambda group=group: policy_lines(
                    session, Holder("group", group["GroupName"]), inherited=True))
            return found

        return [*section("groups", read_groups, "in no group · g adds to one"),
                *section("policies", read_policies, "none · a attaches, i writes inline"),
                *section("boundary", lambda: boundary_lines(holder, self.user),
                         "none · b sets one"),
                *section("tags", lambda: tag_lines(holder, self.user), "none · t adds one"),
                *section("password", self.password_lines),
                *section("access keys", self.key_lines, "none · k creates one"),
                *section("MFA devices", self.mfa_lines, "none · m enrolls one"),
                *section("SSH keys", self.ssh_lines, "none")]

    def password_lines(self) -> list[Item]:
        try:
            profile = self.app.session.call("GetLoginProfile", {"UserName": self.entity_name})
        except IamError as err:
            if err.code != "NoSuchEntity":
                raise
            return [Item("password", "not set", "no console sign-in · p sets one")]
        info = [f"created {when(profile['LoginProfile']['CreateDate'])}",
                f"last used {when(self.user.get('PasswordLastUsed'), minutes=True)}"]
        if profile["LoginProfile"].get("PasswordResetRequired"):
            info.insert(0, "reset required")
        return [Item("password", "set", " · ".join(info), LoginProfile(self.entity_name))]

    def key_lines(self) -> list[Item]:
        session, found = self.app.session, []
        for key in every(session, "ListAccessKeys", {"UserName": self.entity_name})[
                "AccessKeyMetadata"]:
            used = session.call("GetAccessKeyLastUsed", {"AccessKeyId": key["AccessKeyId"]})[
                "AccessKeyLastUsed"]
            use = "never used" if not used.get("LastUsedDate") else \
                f"used {when(used['LastUsedDate'], minutes=True)} ({used['ServiceName']}, " \
                f"{used['Region']})"
            found.append(Item("access keys", key["AccessKeyId"],
                              f"{key['Status']} · created {when(key['CreateDate'])} · {use}",
                              AccessKey(self.entity_name, key["AccessKeyId"], key["Status"])))
        return found

    def mfa_lines(self) -> list[Item]:
        return [Item("MFA devices", device["SerialNumber"],
                     f"enabled {when(device['EnableDate'])}",
                     MfaDevice(self.entity_name, device["SerialNumber"]))
                for device in every(self.app.session, "ListMFADevices",
                                    {"UserName": self.entity_name})["MFADevices"]]

    def ssh_lines(self) -> list[Item]:
        return [Item("SSH keys", key["SSHPublicKeyId"],
                     f"{key['Status']} · uploaded {when(key['UploadDate'])}",
                     SshKey(self.entity_name, key["SSHPublicKeyId"], key["Status"]))
                for key in every(self.app.session, "ListSSHPublicKeys",
                                 {"UserName": self.entity_name})["SSHPublicKeys"]]

    # --- keys -----------------------------------------------------------------------

    def action_join(self) -> None:
        add_membership(self, user=self.entity_name)

    def action_tag(self) -> None:
        add_tag(self.app, self.holder)

    def action_password(self) -> None:
        set_console_password(self.app, self.entity_name)

    def action_new_key(self) -> None:
        response = self.app.attempt("CreateAccessKey", {"UserName": self.entity_name})
        if response is not None:
            key = response["AccessKey"]
            self.app.push_screen(SecretShownScreen(self.entity_name, key["AccessKeyId"],
                                                   key["SecretAccessKey"]))

    def action_switch(self) -> None:
        item = self.selected
        if item is not None and isinstance(item.key, Credential):
            item.key.switch(self)
        else:
            self.notify("s switches an access key or SSH key between Active and Inactive: "
                        "put the cursor on one")

    def action_mfa(self) -> None:
        from .mfa_enroll import MfaEnrollScreen
        self.app.push_screen(MfaEnrollScreen(self.entity_name))

    def action_evaluate(self) -> None:
        self.app.action_evaluate(principal=self.entity_name)


# --- a user's credentials as parts -----------------------------------------------------

@dataclass(frozen=True)
class LoginProfile(Part):
    user: str

    def open(self, screen) -> None:
        if not screen.app.read_only:
            set_console_password(screen.app, self.user)

    def removal(self, screen) -> str | None:
        return f"Delete the console password of {self.user}? (Its access keys keep working.)"

    def remove(self, screen) -> None:
        screen.app.attempt("DeleteLoginProfile", {"UserName": self.user},
                           done=f"deleted the console password of {self.user}")


@dataclass(frozen=True)
class Credential(Part):
    """An access key or an SSH public key: switched Active / Inactive with its Update
    call, deleted with its Delete call."""

    user: str
    key_id: str
    status: str
    what: ClassVar[str]
    id_field: ClassVar[str]
    noun: ClassVar[str]       # as the operations name it: UpdateAccessKey, DeleteSSHPublicKey
    warning: ClassVar[str] = ""

    def switch(self, screen) -> None:
        status = "Inactive" if self.status == "Active" else "Active"
        screen.app.attempt(f"Update{self.noun}", {"UserName": self.user,
                                                  self.id_field: self.key_id, "Status": status},
                           done=f"{self.key_id} is {status}")

    def removal(self, screen) -> str | None:
        return f"Delete the {self.what} {self.key_id} of {self.user}?{self.warning}"

    def remove(self, screen) -> None:
        screen.app.attempt(f"Delete{self.noun}", {"UserName": self.user,
                                                  self.id_field: self.key_id},
                           done=f"deleted {self.key_id}")


class AccessKey(Credential):
    what, id_field, noun = "access key", "AccessKeyId", "AccessKey"
    warning = " Anything signing requests with it stops working."


class SshKey(Credential):
    what, id_field, noun = "SSH public key", "SSHPublicKeyId", "SSHPublicKey"


@dataclass(frozen=True)
class MfaDevice(Part):
    user: str
    serial: str

    def removal(self, screen) -> str | None:
        return f"Deactivate and delete the MFA device {self.serial} of {self.user}?"

    def remove(self, screen) -> None:
        """DeactivateMFADevice, then DeleteVirtualMFADevice ("You must deactivate a
        user's virtual MFA device before you can delete it")."""
        if screen.app.attempt("DeactivateMFADevice", {"UserName": self.user,
                                                      "SerialNumber": self.serial}) is None:
            return
        screen.app.attempt("DeleteVirtualMFADevice", {"SerialNumber": self.serial},
                           done=f"deactivated and deleted {self.serial}")
