"""AWS's error codes for IAM and STS operations. The store raises them; the command line
and the app turn them into words (the AWS CLI's: "An error occurred (NoSuchEntity) when
calling the GetUser operation: ...")."""


class IamError(Exception):
    """An IAM / STS error: AWS's code, AWS's message, the HTTP status AWS sends."""

    code = "ServiceFailure"
    status = 500

    def __init__(self, message: str, code: str | None = None, status: int | None = None):
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        if status is not None:
            self.status = status


def _error(code: str, status: int) -> type:
    return type(code, (IamError,), {"code": code, "status": status,
                                    "__doc__": f"AWS's {code} error (HTTP {status})."})


NoSuchEntity = _error("NoSuchEntity", 404)
EntityAlreadyExists = _error("EntityAlreadyExists", 409)
DeleteConflict = _error("DeleteConflict", 409)
LimitExceeded = _error("LimitExceeded", 409)
MalformedPolicyDocument = _error("MalformedPolicyDocument", 400)
InvalidInput = _error("InvalidInput", 400)
ValidationError = _error("ValidationError", 400)
AccessDenied = _error("AccessDenied", 403)


class StoreUnusable(Exception):
    """The store file cannot be used (corrupt, foreign, newer schema, unwritable). Not an
    AWS error: the message says what is wrong with which file."""

# Authentication failures (STS / signed requests), worded as AWS's.
InvalidClientTokenId = _error("InvalidClientTokenId", 403)
SignatureDoesNotMatch = _error("SignatureDoesNotMatch", 403)
ExpiredToken = _error("ExpiredToken", 400)

# Credentials, sign-in and STS.
PasswordPolicyViolation = _error("PasswordPolicyViolation", 400)
InvalidUserType = _error("InvalidUserType", 400)
InvalidAuthenticationCode = _error("InvalidAuthenticationCode", 403)
InvalidPublicKey = _error("InvalidPublicKey", 400)
UnrecognizedPublicKeyEncoding = _error("UnrecognizedPublicKeyEncoding", 400)
DuplicateSSHPublicKey = _error("DuplicateSSHPublicKey", 400)
PackedPolicyTooLarge = _error("PackedPolicyTooLarge", 400)
InvalidIdentityToken = _error("InvalidIdentityToken", 400)
ExpiredTokenException = _error("ExpiredTokenException", 400)
InvalidAction = _error("InvalidAction", 400)
