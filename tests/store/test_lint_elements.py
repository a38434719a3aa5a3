"""store.lint.elements: Version, policy variables, Sid and size.

Without Version a policy is read as 2008-10-17, where ${aws:username} is literal text
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html);
managed policies hold at most 6,144 characters without white space
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
"""

import pytest
from test_lint import allow, codes, findings, policy

HOME = "arn:aws:s3:::bucket-name/home/${aws:username}/*"


def test_missing_version_is_a_warning_on_the_document():
    [finding] = findings(policy(allow(), version=None), "MISSING_VERSION")
    assert (finding.finding_type, finding.path) == ("WARNING", ())
    assert (finding.line, finding.column) == (1, 1)
    assert "MISSING_VERSION" not in codes(policy(allow()))


@pytest.mark.parametrize("version", [None, "2008-10-17"])
def test_variables_under_the_old_version_are_literal_text(version):
    text = policy(allow(resource=HOME,
                        Condition={"StringEquals": {"aws:PrincipalTag/owner": "${aws:username}"}}),
                  version=version)
    found = findings(text, "VARIABLE_UNSUPPORTED_IN_VERSION")
    assert [f.path[2] for f in found] == ["Resource", "Condition"]
    assert all(f.finding_type == "ERROR" for f in found)


def test_variables_under_2012_10_17_and_escapes_are_fine():
    assert codes(policy(allow(resource=HOME))) == set()
    assert "VARIABLE_UNSUPPORTED_IN_VERSION" not in codes(
        policy(allow(resource="arn:aws:s3:::bucket-name/${*}"), version="2008-10-17"))


def test_an_empty_sid_is_a_suggestion():
    [finding] = findings(policy(allow(Sid="")), "EMPTY_SID_VALUE")
    assert finding.path == ("Statement", 0, "Sid")
    assert codes(policy(allow(Sid="ReadObjects"))) == set()


def test_an_identity_policy_over_the_managed_policy_quota():
    big = policy(allow("s3:GetObject", [f"arn:aws:s3:::bucket-{i:04}/*" for i in range(260)]))
    [finding] = findings(big, "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA")
    assert "6,144" in finding.details
    assert "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA" not in codes(policy(allow()))
