"""Secrets made and checked as AWS makes them, and never kept in the clear.

- Passwords are hashed with argon2id (argon2-cffi's defaults, RFC 9106's second
  recommended option: 64 MiB, 3 passes): memory-hard, so a stolen store file does not
  give up weak passwords cheaply.
- Access-key secrets and session tokens are 240+ bits of randomness we generate: a
  SHA-256 digest is enough to check them by (no guessing attack on that much entropy),
  and cheap enough to check on every command.
"""

import base64
import hashlib
import hmac
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_HASHER = PasswordHasher()
_KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def password_matches(stored: str, password: str) -> bool:
    try:
        return _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def digest(secret: str) -> str:
    """The stored form of a generated secret (access-key secret, session token)."""
    return hashlib.sha256(secret.encode()).hexdigest()


def digest_matches(stored: str, secret: str) -> bool:
    return hmac.compare_digest(stored, digest(secret))


def access_key_id(prefix: str = "AKIA") -> str:
    """``AKIA`` (long-term) or ``ASIA`` (temporary) + 16 characters, 20 in all."""
    return prefix + "".join(secrets.choice(_KEY_ALPHABET) for _ in range(16))


def secret_access_key() -> str:
    """40 characters, as AWS's secret access keys."""
    return "".join(secrets.choice(_SECRET_ALPHABET) for _ in range(40))


def session_token() -> str:
    """An opaque token for temporary credentials (AWS's are a few hundred characters)."""
    return base64.b64encode(secrets.token_bytes(240)).decode()
