"""Users: create, look up."""

from __future__ import annotations

import re

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from licman.models import Role, User
from licman.models.base import fold
from licman.resolvers.errors import DomainError, ErrorCode, forbidden, invalid, unauthenticated
from licman.security.passwords import PasswordPolicyError, hash_password
from licman.security.principal import Principal, PrincipalKind

# Deliberately loose: one @, something on each side, a dot in the domain or a single label
# (for local installs such as admin@licman.local). Delivery is the real test.
EMAIL_RE = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,189}$")


def normalise_email(email: str) -> str:
    email = email.strip()
    if not EMAIL_RE.match(email):
        raise invalid("email", "must be an e-mail address like name@example.com")
    return email


async def user_create(
    principal: Principal,
    *,
    email: str,
    password: str | None,
    role: Role = Role.MEMBER,
    name: str = "",
) -> User:
    """Create a user. Only admins (and the system) may; the e-mail is unique in any case."""
    if principal.role is not Role.ADMIN:
        raise forbidden("create users")
    email = normalise_email(email)
    if len(name) > 200:
        raise invalid("name", "must be at most 200 characters")
    try:
        password_hash = await hash_password(password) if password is not None else None
    except PasswordPolicyError as exc:
        raise invalid("password", f"password {exc}") from None
    try:
        async with in_transaction():
            return await User.create(email=email, name=name, role=role, password_hash=password_hash)
    except IntegrityError:
        raise DomainError(
            ErrorCode.DUPLICATE, f"A user with the e-mail {email} already exists.", "email"
        ) from None


async def user_by_email(email: str) -> User | None:
    return await User.get_or_none(email_key=fold(email))


async def viewer(principal: Principal) -> User:
    """The signed-in user making the request."""
    if principal.user is None or principal.kind is PrincipalKind.ANONYMOUS:
        raise unauthenticated()
    return principal.user
