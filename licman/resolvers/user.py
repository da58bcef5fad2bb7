"""Users: create, list, change role, deactivate (which ends their sessions and tokens)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from licman.models import ApiToken, OAuthToken, Role, Session, User
from licman.models.base import fold
from licman.resolvers.audit import audit_record
from licman.resolvers.common import locked, require, snapshot
from licman.resolvers.errors import (
    DomainError,
    ErrorCode,
    invalid,
    unauthenticated,
)
from licman.resolvers.validation import Checker
from licman.security.authn import forget_tokens
from licman.security.passwords import PasswordPolicyError, hash_password
from licman.security.permissions import (
    Action,
    is_signed_in,
    may_deactivate,
    may_see_user,
    may_set_role,
    role_allows,
)
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
    """Create a user. Only admins (and the system) may; the e-mail is unique in any case.
    Without a password the user cannot sign in until an admin or the CLI sets one."""
    require(principal, Action.USER_ADMIN, "create users")
    email = normalise_email(email)
    if len(name) > 200:
        raise invalid("name", "must be at most 200 characters")
    try:
        password_hash = await hash_password(password) if password is not None else None
    except PasswordPolicyError as exc:
        raise invalid("password", f"password {exc}") from None
    try:
        async with in_transaction():
            user = await User.create(email=email, name=name, role=role, password_hash=password_hash)
            await audit_record(principal, "user.create", "user", user.id, after=snapshot(user))
            return user
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


MAX_USER_SEARCH = 100


async def user_list(
    principal: Principal,
    *,
    include_inactive: bool = True,
    search: str | None = None,
    first: int | None = None,
) -> list[User]:
    """Users by e-mail; with `search`, those whose name or e-mail contains it (any case),
    and with `first`, at most that many (1 to 100): what a picker asks as one types."""
    require(principal, Action.USER_VIEW, "list users")
    check = Checker()
    term = check.text("search", search, max_length=200)
    if first is not None and not 1 <= first <= MAX_USER_SEARCH:
        check.fail("first", f"first must be between 1 and {MAX_USER_SEARCH}")
    check.done()
    query = User.all() if include_inactive else User.filter(is_active=True)
    if term:
        query = query.filter(Q(name__icontains=term) | Q(email_key__contains=fold(term)))
    query = query.order_by("email_key")
    if first is not None:
        query = query.limit(first)
    return await query


async def user_get_many(principal: Principal, user_ids: Sequence[int]) -> dict[int, User]:
    """The users among these ids that P may see: anyone with user.view, else only P."""
    wanted = list(user_ids)
    if not role_allows(principal, Action.USER_VIEW):
        wanted = [pk for pk in wanted if may_see_user(principal, pk)]
    if not wanted or not is_signed_in(principal):
        return {}
    return {u.id: u for u in await User.filter(id__in=wanted)}


async def user_update(
    principal: Principal, user_id: int, *, role: Role | None = None, name: str | None = None
) -> User:
    """Change a user's role or display name (admins)."""
    require(principal, Action.USER_ADMIN, "change users")
    check = Checker()
    if name is not None:
        name = check.text("name", name, max_length=200)
    check.done()
    async with in_transaction():
        user = await locked(User, user_id, "user")
        before = snapshot(user)
        if role is not None and not may_set_role(principal, user.id, Role(user.role), role):
            raise invalid("role", "You cannot change your own role; ask another admin.")
        if role is not None:
            user.role = role
        if name is not None:
            user.name = name
        await user.save(update_fields=["role", "name", "updated_at"])
        await audit_record(
            principal, "user.update", "user", user.id, before=before, after=snapshot(user)
        )
    return user


async def end_sessions_and_tokens(user_id: int, *, keep_session_id: int | None = None) -> int:
    """Revoke every live session (but one, if given), API token and OAuth2 token the user
    holds, at once."""
    when = datetime.now(UTC)
    sessions = Session.filter(user_id=user_id, revoked_at=None)
    if keep_session_id is not None:
        sessions = sessions.exclude(id=keep_session_id)
    ended = await sessions.update(revoked_at=when)
    ended += await ApiToken.filter(user_id=user_id, revoked_at=None).update(revoked_at=when)
    ended += await OAuthToken.filter(user_id=user_id, revoked_at=None).update(revoked_at=when)
    forget_tokens()
    return ended


async def user_set_active(principal: Principal, user_id: int, active: bool) -> User:
    """Deactivate (ending every session and token at once) or reactivate a user."""
    require(principal, Action.USER_ADMIN, "deactivate users")
    async with in_transaction():
        user = await locked(User, user_id, "user")
        if not active and not may_deactivate(principal, user.id):
            raise invalid("id", "You cannot deactivate yourself.")
        if user.is_active == active:
            return user
        user.is_active = active
        await user.save(update_fields=["is_active", "updated_at"])
        ended = 0 if active else await end_sessions_and_tokens(user.id)
        action = "user.reactivate" if active else "user.deactivate"
        await audit_record(principal, action, "user", user.id, extra={"credentials_ended": ended})
    return user
