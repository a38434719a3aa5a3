"""How the AWS CLI turns an API model into a command line, re-done for ``iamtui iam`` and
``iamtui sts``: names, flags and their value syntaxes (shorthand, JSON, ``file://``),
pagination, and the decoding of policy documents in responses."""
