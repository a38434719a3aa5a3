"""Every issue the policy checks report, in IAM Access Analyzer's words.

The codes, finding types and fixes are those of AWS's policy check reference
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html):
a code is its section's title in capitals ("Pass role with star in resource" is
PASS_ROLE_WITH_STAR_IN_RESOURCE), its learn-more link that section's anchor, and its fix
the first line of the section's "Resolving the ..." advice, shortened.

Where the reference has no check for something a security reviewer would still flag,
iamtui chooses a code in the same style and links the AWS page that explains the risk;
those entries are in ``_CHOSEN_LINKS``, the page given as their learn-more link.
"""

from dataclasses import dataclass

ERROR = "ERROR"
SECURITY_WARNING = "SECURITY_WARNING"
WARNING = "WARNING"
SUGGESTION = "SUGGESTION"
FINDING_TYPES = (ERROR, SECURITY_WARNING, WARNING, SUGGESTION)

REFERENCE = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html"
_ANCHOR_KIND = {ERROR: "error", SECURITY_WARNING: "security-warning",
                WARNING: "general-warning", SUGGESTION: "suggestion"}
_GUIDE = "https://docs.aws.amazon.com/IAM/latest/UserGuide/"


@dataclass(frozen=True)
class Problem:
    """What a check found, before it is placed in the text: an issue code, the details
    (AA's findingDetails), the JSON path, and a fix when the issue's own is too general."""

    code: str
    details: str
    path: tuple
    fix: str | None = None


@dataclass(frozen=True)
class Issue:
    code: str
    finding_type: str
    fix: str
    chosen_link: str | None = None  # iamtui's own check: the page that explains it

    @property
    def learn_more(self) -> str:
        if self.chosen_link:
            return self.chosen_link
        anchor = self.code.lower().replace("_", "-")
        return (f"{REFERENCE}#access-analyzer-reference-policy-checks-"
                f"{_ANCHOR_KIND[self.finding_type]}-{anchor}")


# Each issue code's fix, by finding type; plain data, made into Issues below.
_FIXES = {
    ERROR: {
        "JSON_SYNTAX_ERROR": "Check your JSON syntax.",
        "DATA_TYPE_MISMATCH": "Update the text to use the supported data type.",
        "INVALID_POLICY_ELEMENT":
            "Update the policy to include only supported JSON policy elements.",
        "INVALID_VERSION": 'Use "Version": "2012-10-17".',
        "MISSING_STATEMENT": "A JSON policy must include a statement.",
        "UNIQUE_SIDS_REQUIRED": "Give each statement a Sid of its own.",
        "MISSING_EFFECT": 'Add "Effect": "Allow" or "Effect": "Deny" to the statement.',
        "INVALID_EFFECT": 'Use "Allow" or "Deny" (case-sensitive).',
        "UNSUPPORTED_ELEMENT_COMBINATION": "Remove one of these elements.",
        "MISSING_ACTION": "Add an Action or NotAction element to the policy statement.",
        "MISSING_RESOURCE": "Add a Resource or NotResource element to the policy statement.",
        "MISSING_PRINCIPAL": "Add a Principal element to the policy statement.",
        "UNSUPPORTED_PRINCIPAL":
            "Remove the Principal element: this policy type does not support it.",
        "INVALID_PRINCIPAL_FORMAT":
            'Specify a key-value pair in the Principal element, e.g. {"AWS": "123456789012"}.',
        "INVALID_PRINCIPAL_KEY":
            "Use one of the principal keys AWS, CanonicalUser, Federated, Service.",
        "INVALID_ACTION": "Check the service prefix and the action name.",
        "INVALID_SERVICE_IN_ACTION":
            "Use the service prefix the Service Authorization Reference gives.",
        "INVALID_SERVICE": "Use the service prefix the Service Authorization Reference gives.",
        "INVALID_ARN_PREFIX": 'Start the resource ARN with "arn:", or use "*".',
        "MISSING_ARN_FIELD": "Write the ARN as arn:partition:service:region:account:resource.",
        "INVALID_CONDITION_OPERATOR": "Update the condition to use a supported condition operator.",
        "NULL_WITH_IF_EXISTS": "Use Null without the IfExists suffix.",
        "INVALID_CONDITION_KEY_FORMAT": "Use the format service:keyname.",
        "INVALID_GLOBAL_CONDITION_KEY": "Use a global condition key AWS defines (aws: prefix).",
        "UNSUPPORTED_GLOBAL_CONDITION_KEY": "Use aws:PrincipalArn or aws:SourceArn instead.",
        "INVALID_SERVICE_CONDITION_KEY":
            "Use a condition key the service defines, or a global aws: key.",
        "MISSING_TAG_KEY_IN_CONDITION":
            "Name the tag key after the slash, e.g. aws:ResourceTag/owner.",
        "DUPLICATE_KEYS_WITH_DIFFERENT_CASE":
            "Keep one spelling of the condition key: key names are not case-sensitive.",
        "MISSING_QUALIFIER": "Prefix the operator with ForAnyValue: or ForAllValues:.",
        "UNSUPPORTED_ACTION_FOR_CONDITION_KEY":
            "Move these actions to a different statement without this condition key.",
        "MISMATCHED_ACTION_FOR_PRINCIPAL":
            "Use sts:AssumeRoleWithWebIdentity (OIDC) or sts:AssumeRoleWithSAML (SAML).",
        "INVALID_VARIABLE_FOR_OPERATOR": "Use policy variables only with String and ARN operators.",
        "VARIABLE_UNSUPPORTED_IN_ELEMENT":
            "Use policy variables only in Resource and in Condition values.",
        "VARIABLE_UNSUPPORTED_IN_VERSION":
            'Set "Version": "2012-10-17": under 2008-10-17 variables are literal text.',
        "PRIVATE_IP_ADDRESS":
            "List public addresses for aws:SourceIp; use aws:VpcSourceIp for private ones.",
        "PRIVATE_NOT_IP_ADDRESS":
            "List public addresses for aws:SourceIp; use aws:VpcSourceIp for private ones.",
        "MALFORMED_POLICY_DOCUMENT": "Correct the document where the message says.",
    },
    SECURITY_WARNING: {
        "PASS_ROLE_WITH_STAR_IN_RESOURCE":
            "Name the role ARNs in Resource, or add the iam:PassedToService condition key.",
        "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE":
            "Name the role ARNs in Resource, or add the iam:PassedToService condition key.",
        "PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION":
            "Name the role ARNs in Resource, or add iam:PassRole to NotAction.",
        "PASS_ROLE_WITH_NOT_RESOURCE":
            "Name the allowed role ARNs in Resource instead of NotResource.",
        "PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE":
            "Name the allowed role ARNs in Resource instead of NotResource.",
        "PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE":
            "Name the allowed role ARNs in Resource instead of NotResource.",
        "ALLOW_WITH_NOT_PRINCIPAL": "Name the principals that need access in Principal instead.",
        "FORALLVALUES_WITH_SINGLE_VALUED_KEY": "Remove ForAllValues: from the operator.",
        "DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE":
            "Deny those services' actions in another statement, by resource name.",
        "DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE":
            "List the actions to deny in Action instead of NotAction.",
        "ALLOW_WITH_NOT_ACTION":
            "List the actions to allow in Action; deny the rest with a Deny statement.",
        "ALLOW_WITH_NOT_RESOURCE":
            "List the resources to allow in Resource; deny the rest with a Deny statement.",
        "ALLOW_WITH_STAR_IN_ACTION_AND_RESOURCE":
            "List the actions and the resource ARNs the principal needs.",
        "DENY_NEVER_APPLIES": "Make the Deny name actions, resources and keys that requests carry.",
    },
    WARNING: {
        "TYPE_MISMATCH_NUMBER": "Add a valid numeric value for the condition operator.",
        "TYPE_MISMATCH_DATE":
            "Specify a valid date using YYYY-MM-DD or other ISO 8601 date/time format.",
        "TYPE_MISMATCH_BOOLEAN":
            "Add a valid Boolean value (true or false) for the condition operator.",
        "TYPE_MISMATCH_IP_RANGE": "Specify the IP range in standard CIDR format.",
        "TYPE_MISMATCH_STRING":
            "Add a valid base64-encoded string value for the condition operator.",
        "MISSING_VERSION": 'Add "Version": "2012-10-17" before Statement.',
        "TYPE_MISMATCH": "Use an operator of the condition key's type.",
        "WILDCARD_WITHOUT_LIKE_OPERATOR":
            "If you meant a wildcard (*, ?), use the Like version of the operator.",
        "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA":
            "Split the policy into several smaller policies.",
        "CREATE_SLR_WITH_STAR_IN_RESOURCE": "Name the service-linked role ARNs in Resource.",
        "CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE":
            "Name the service-linked role ARNs in Resource.",
        "CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION":
            "Name the role ARNs in Resource, or add iam:CreateServiceLinkedRole to NotAction.",
        "CREATE_SLR_WITH_NOT_RESOURCE":
            "Name the service-linked role ARNs in Resource instead of NotResource.",
        "CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE":
            "Name the service-linked role ARNs in Resource instead of NotResource.",
        "CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE":
            "Name the service-linked role ARNs in Resource instead of NotResource.",
        "UNSUPPORTED_RESOURCE_TYPE_FOR_ACTION":
            "Name a resource of a type the action acts on, or move the action elsewhere.",
    },
    SUGGESTION: {
        "EMPTY_ARRAY_ACTION": "Specify actions.",
        "EMPTY_ARRAY_RESOURCE": "Specify resources.",
        "EMPTY_ARRAY_PRINCIPAL": "Specify principals.",
        "EMPTY_ARRAY_CONDITION": "Specify condition values.",
        "EMPTY_OBJECT_CONDITION": "Remove the empty block or specify conditions.",
        "EMPTY_SID_VALUE": "Add a value to the empty string in the Sid element.",
        "ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE":
            "Allow those services' actions in another statement, by resource name.",
        "ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE":
            "List the actions to allow in Action instead of NotAction.",
        "NULL_WITH_QUALIFIER": "Remove ForAllValues: / ForAnyValue: from the Null operator.",
        "PRIVATE_IP_ADDRESS_SUBSET":
            "Keep public addresses under aws:SourceIp; test private ones with aws:VpcSourceIp.",
        "PRIVATE_NOT_IP_ADDRESS_SUBSET":
            "Keep public addresses under aws:SourceIp; test private ones with aws:VpcSourceIp.",
        "REDUNDANT_ACTION": "Remove the redundant action.",
        "REDUNDANT_RESOURCE": "Remove the redundant resource ARN.",
        "REDUNDANT_STATEMENT": "Remove the redundant statement.",
        "WILDCARD_IN_SERVICE_NAME": "Write the service prefix without wildcards.",
    },
}

# iamtui's own checks, which the reference lacks: the AWS page that explains each.
_CHOSEN_LINKS = {
    "MALFORMED_POLICY_DOCUMENT": f"{_GUIDE}reference_policies_grammar.html",
    "ALLOW_WITH_NOT_ACTION": f"{_GUIDE}reference_policies_elements_notaction.html",
    "ALLOW_WITH_NOT_RESOURCE": f"{_GUIDE}reference_policies_elements_notresource.html",
    "ALLOW_WITH_STAR_IN_ACTION_AND_RESOURCE": f"{_GUIDE}best-practices.html#grant-least-privilege",
    "DENY_NEVER_APPLIES": f"{_GUIDE}reference_policies_evaluation-logic.html",
    "UNSUPPORTED_RESOURCE_TYPE_FOR_ACTION": (
        "https://docs.aws.amazon.com/service-authorization/latest/reference/"
        "reference_policies_actions-resources-contextkeys.html"),
}

ISSUES = {code: Issue(code, kind, fix, _CHOSEN_LINKS.get(code))
          for kind, fixes in _FIXES.items() for code, fix in fixes.items()}
