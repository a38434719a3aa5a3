"""Every issue the policy checks report, in IAM Access Analyzer's words.

The codes, finding types and fixes are those of AWS's policy check reference
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html):
a code is its section's title in capitals ("Pass role with star in resource" is
PASS_ROLE_WITH_STAR_IN_RESOURCE), its learn-more link that section's anchor, and its fix
the first line of the section's "Resolving the ..." advice, shortened.

Where the reference has no check for something a security reviewer would still flag,
iamtui chooses a code in the same style and links the AWS page that explains the risk;
those entries are marked ``chosen``.
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


_ISSUES = [
    # --- errors ---------------------------------------------------------------------
    Issue("JSON_SYNTAX_ERROR", ERROR, "Check your JSON syntax."),
    Issue("DATA_TYPE_MISMATCH", ERROR, "Update the text to use the supported data type."),
    Issue("INVALID_POLICY_ELEMENT", ERROR,
          "Update the policy to include only supported JSON policy elements."),
    Issue("INVALID_VERSION", ERROR, 'Use "Version": "2012-10-17".'),
    Issue("MISSING_STATEMENT", ERROR, "A JSON policy must include a statement."),
    Issue("UNIQUE_SIDS_REQUIRED", ERROR, "Give each statement a Sid of its own."),
    Issue("MISSING_EFFECT", ERROR, 'Add "Effect": "Allow" or "Effect": "Deny" to the statement.'),
    Issue("INVALID_EFFECT", ERROR, 'Use "Allow" or "Deny" (case-sensitive).'),
    Issue("UNSUPPORTED_ELEMENT_COMBINATION", ERROR, "Remove one of these elements."),
    Issue("MISSING_ACTION", ERROR, "Add an Action or NotAction element to the policy statement."),
    Issue("MISSING_RESOURCE", ERROR,
          "Add a Resource or NotResource element to the policy statement."),
    Issue("MISSING_PRINCIPAL", ERROR, "Add a Principal element to the policy statement."),
    Issue("UNSUPPORTED_PRINCIPAL", ERROR,
          "Remove the Principal element: this policy type does not support it."),
    Issue("INVALID_PRINCIPAL_FORMAT", ERROR,
          'Specify a key-value pair in the Principal element, e.g. {"AWS": "123456789012"}.'),
    Issue("INVALID_PRINCIPAL_KEY", ERROR,
          "Use one of the principal keys AWS, CanonicalUser, Federated, Service."),
    Issue("INVALID_ACTION", ERROR, "Check the service prefix and the action name."),
    Issue("INVALID_SERVICE_IN_ACTION", ERROR,
          "Use the service prefix the Service Authorization Reference gives."),
    Issue("INVALID_SERVICE", ERROR,
          "Use the service prefix the Service Authorization Reference gives."),
    Issue("INVALID_ARN_PREFIX", ERROR, 'Start the resource ARN with "arn:", or use "*".'),
    Issue("MISSING_ARN_FIELD", ERROR,
          "Write the ARN as arn:partition:service:region:account:resource."),
    Issue("INVALID_CONDITION_OPERATOR", ERROR,
          "Update the condition to use a supported condition operator."),
    Issue("NULL_WITH_IF_EXISTS", ERROR, "Use Null without the IfExists suffix."),
    Issue("INVALID_CONDITION_KEY_FORMAT", ERROR, "Use the format service:keyname."),
    Issue("INVALID_GLOBAL_CONDITION_KEY", ERROR,
          "Use a global condition key AWS defines (aws: prefix)."),
    Issue("UNSUPPORTED_GLOBAL_CONDITION_KEY", ERROR,
          "Use aws:PrincipalArn or aws:SourceArn instead."),
    Issue("INVALID_SERVICE_CONDITION_KEY", ERROR,
          "Use a condition key the service defines, or a global aws: key."),
    Issue("MISSING_TAG_KEY_IN_CONDITION", ERROR,
          "Name the tag key after the slash, e.g. aws:ResourceTag/owner."),
    Issue("DUPLICATE_KEYS_WITH_DIFFERENT_CASE", ERROR,
          "Keep one spelling of the condition key: key names are not case-sensitive."),
    Issue("MISSING_QUALIFIER", ERROR,
          "Prefix the operator with ForAnyValue: or ForAllValues:."),
    Issue("UNSUPPORTED_ACTION_FOR_CONDITION_KEY", ERROR,
          "Move these actions to a different statement without this condition key."),
    Issue("MISMATCHED_ACTION_FOR_PRINCIPAL", ERROR,
          "Use sts:AssumeRoleWithWebIdentity (OIDC) or sts:AssumeRoleWithSAML (SAML)."),
    Issue("INVALID_VARIABLE_FOR_OPERATOR", ERROR,
          "Use policy variables only with String and ARN operators."),
    Issue("VARIABLE_UNSUPPORTED_IN_ELEMENT", ERROR,
          "Use policy variables only in Resource and in Condition values."),
    Issue("VARIABLE_UNSUPPORTED_IN_VERSION", ERROR,
          'Set "Version": "2012-10-17": under 2008-10-17 variables are literal text.'),
    Issue("PRIVATE_IP_ADDRESS", ERROR,
          "List public addresses for aws:SourceIp; use aws:VpcSourceIp for private ones."),
    Issue("PRIVATE_NOT_IP_ADDRESS", ERROR,
          "List public addresses for aws:SourceIp; use aws:VpcSourceIp for private ones."),
    Issue("EMPTY_ARRAY_ACTION", SUGGESTION, "Specify actions."),
    Issue("EMPTY_ARRAY_RESOURCE", SUGGESTION, "Specify resources."),
    Issue("EMPTY_ARRAY_PRINCIPAL", SUGGESTION, "Specify principals."),
    Issue("EMPTY_ARRAY_CONDITION", SUGGESTION, "Specify condition values."),
    Issue("EMPTY_OBJECT_CONDITION", SUGGESTION, "Remove the empty block or specify conditions."),
    Issue("EMPTY_SID_VALUE", SUGGESTION, "Add a value to the empty string in the Sid element."),
    Issue("TYPE_MISMATCH_NUMBER", WARNING, "Add a valid numeric value for the condition operator."),
    Issue("TYPE_MISMATCH_DATE", WARNING,
          "Specify a valid date using YYYY-MM-DD or other ISO 8601 date/time format."),
    Issue("TYPE_MISMATCH_BOOLEAN", WARNING,
          "Add a valid Boolean value (true or false) for the condition operator."),
    Issue("TYPE_MISMATCH_IP_RANGE", WARNING, "Specify the IP range in standard CIDR format."),
    Issue("TYPE_MISMATCH_STRING", WARNING,
          "Add a valid base64-encoded string value for the condition operator."),
    Issue("MALFORMED_POLICY_DOCUMENT", ERROR, "Correct the document where the message says.",
          chosen_link=f"{_GUIDE}reference_policies_grammar.html"),
    # --- security warnings -----------------------------------------------------------
    Issue("PASS_ROLE_WITH_STAR_IN_RESOURCE", SECURITY_WARNING,
          "Name the role ARNs in Resource, or add the iam:PassedToService condition key."),
    Issue("PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE", SECURITY_WARNING,
          "Name the role ARNs in Resource, or add the iam:PassedToService condition key."),
    Issue("PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION", SECURITY_WARNING,
          "Name the role ARNs in Resource, or add iam:PassRole to NotAction."),
    Issue("PASS_ROLE_WITH_NOT_RESOURCE", SECURITY_WARNING,
          "Name the allowed role ARNs in Resource instead of NotResource."),
    Issue("PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE", SECURITY_WARNING,
          "Name the allowed role ARNs in Resource instead of NotResource."),
    Issue("PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE", SECURITY_WARNING,
          "Name the allowed role ARNs in Resource instead of NotResource."),
    Issue("ALLOW_WITH_NOT_PRINCIPAL", SECURITY_WARNING,
          "Name the principals that need access in Principal instead."),
    Issue("FORALLVALUES_WITH_SINGLE_VALUED_KEY", SECURITY_WARNING,
          "Remove ForAllValues: from the operator."),
    Issue("DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE", SECURITY_WARNING,
          "Deny those services' actions in another statement, by resource name."),
    Issue("DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE", SECURITY_WARNING,
          "List the actions to deny in Action instead of NotAction."),
    Issue("ALLOW_WITH_NOT_ACTION", SECURITY_WARNING,
          "List the actions to allow in Action; deny the rest with a Deny statement.",
          chosen_link=f"{_GUIDE}reference_policies_elements_notaction.html"),
    Issue("ALLOW_WITH_NOT_RESOURCE", SECURITY_WARNING,
          "List the resources to allow in Resource; deny the rest with a Deny statement.",
          chosen_link=f"{_GUIDE}reference_policies_elements_notresource.html"),
    Issue("ALLOW_WITH_STAR_IN_ACTION_AND_RESOURCE", SECURITY_WARNING,
          "List the actions and the resource ARNs the principal needs.",
          chosen_link=f"{_GUIDE}best-practices.html#grant-least-privilege"),
    Issue("DENY_NEVER_APPLIES", SECURITY_WARNING,
          "Make the Deny name actions, resources and keys that requests carry.",
          chosen_link=f"{_GUIDE}reference_policies_evaluation-logic.html"),
    # --- general warnings ------------------------------------------------------------
    Issue("MISSING_VERSION", WARNING, 'Add "Version": "2012-10-17" before Statement.'),
    Issue("TYPE_MISMATCH", WARNING, "Use an operator of the condition key's type."),
    Issue("WILDCARD_WITHOUT_LIKE_OPERATOR", WARNING,
          "If you meant a wildcard (*, ?), use the Like version of the operator."),
    Issue("POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA", WARNING,
          "Split the policy into several smaller policies."),
    Issue("CREATE_SLR_WITH_STAR_IN_RESOURCE", WARNING,
          "Name the service-linked role ARNs in Resource."),
    Issue("CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE", WARNING,
          "Name the service-linked role ARNs in Resource."),
    Issue("CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION", WARNING,
          "Name the role ARNs in Resource, or add iam:CreateServiceLinkedRole to NotAction."),
    Issue("CREATE_SLR_WITH_NOT_RESOURCE", WARNING,
          "Name the service-linked role ARNs in Resource instead of NotResource."),
    Issue("CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE", WARNING,
          "Name the service-linked role ARNs in Resource instead of NotResource."),
    Issue("CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE", WARNING,
          "Name the service-linked role ARNs in Resource instead of NotResource."),
    Issue("UNSUPPORTED_RESOURCE_TYPE_FOR_ACTION", WARNING,
          "Name a resource of a type the action acts on, or move the action elsewhere.",
          chosen_link="https://docs.aws.amazon.com/service-authorization/latest/reference/"
                      "reference_policies_actions-resources-contextkeys.html"),
    # --- suggestions -----------------------------------------------------------------
    Issue("ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE", SUGGESTION,
          "Allow those services' actions in another statement, by resource name."),
    Issue("ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE", SUGGESTION,
          "List the actions to allow in Action instead of NotAction."),
    Issue("NULL_WITH_QUALIFIER", SUGGESTION,
          "Remove ForAllValues: / ForAnyValue: from the Null operator."),
    Issue("PRIVATE_IP_ADDRESS_SUBSET", SUGGESTION,
          "Keep public addresses under aws:SourceIp; test private ones with aws:VpcSourceIp."),
    Issue("PRIVATE_NOT_IP_ADDRESS_SUBSET", SUGGESTION,
          "Keep public addresses under aws:SourceIp; test private ones with aws:VpcSourceIp."),
    Issue("REDUNDANT_ACTION", SUGGESTION, "Remove the redundant action."),
    Issue("REDUNDANT_RESOURCE", SUGGESTION, "Remove the redundant resource ARN."),
    Issue("REDUNDANT_STATEMENT", SUGGESTION, "Remove the redundant statement."),
    Issue("WILDCARD_IN_SERVICE_NAME", SUGGESTION, "Write the service prefix without wildcards."),
]

ISSUES = {issue.code: issue for issue in _ISSUES}
