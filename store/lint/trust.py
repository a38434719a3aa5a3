"""A trust policy's action that its principal cannot take: Access Analyzer's
MISMATCHED_ACTION_FOR_PRINCIPAL. A federated principal (an OIDC or SAML provider) assumes
a role with sts:AssumeRoleWithWebIdentity or sts:AssumeRoleWithSAML, never with
sts:AssumeRole (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp.html);
the reference's own example (awscli's ``accessanalyzer validate-policy``) is a Cognito
trust policy that names sts:AssumeRole.
"""

from .issues import Problem


def check(doc):
    for stmt in doc.statements:
        principal = stmt.raw.get("Principal")
        if stmt.not_action or not isinstance(principal, dict) or "Federated" not in principal:
            continue
        federated = principal["Federated"]
        names = ", ".join([federated] if isinstance(federated, str) else federated)
        for element in stmt.actions:
            if element.value.lower() == "sts:assumerole":
                yield Problem("MISMATCHED_ACTION_FOR_PRINCIPAL", "The sts:AssumeRole action is "
                              f"invalid with the following principal(s): {names}. Use a SAML "
                              "provider principal with the sts:AssumeRoleWithSAML action or use "
                              "an OIDC provider principal with the sts:AssumeRoleWithWebIdentity "
                              "action. Ensure the provider is Federated if you use either of the "
                              "two options.", element.path)
