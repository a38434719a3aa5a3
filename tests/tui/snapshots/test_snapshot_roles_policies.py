"""A role's and a managed policy's detail views on the demo account. The role,
EC2S3ReadRole, shows its trust policy (EC2 and the account), its inline ReadBucket and
its one-hour session; the policy, DeveloperTableAndBucket, is given a second version
(now the default) so both version lines show, with its group and its document. Ids are
not shown, dates are pinned: nothing on either screen varies from run to run."""

import json

from tui.app import IamApp

DEVELOPER = "arn:aws:iam::123456789012:policy/DeveloperTableAndBucket"


def test_role_detail(frozen_demo_store, snap_compare):
    assert snap_compare(IamApp(frozen_demo_store), press=["3", "enter"],
                        terminal_size=(80, 24))


def test_policy_detail(frozen_demo_store, snap_compare):
    frozen_demo_store.call("CreatePolicyVersion", {
        "PolicyArn": DEVELOPER, "SetAsDefault": True,
        "PolicyDocument": json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "s3:GetObject",
             "Resource": "arn:aws:s3:::bucket-name/*"}]}, indent=2)})
    assert snap_compare(IamApp(frozen_demo_store), press=["4", "enter"],
                        terminal_size=(80, 24))
