"""Writes on user accounts."""

from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.enums import Role
from thidua.accounts.models import User
from thidua.accounts.permissions import require
from thidua.core.audit import stamp
from thidua.core.exceptions import Conflict, ValidationFailed
from thidua.org.models import Province, Unit


def _validate(user: User, password: str | None) -> None:
    try:
        if password is not None:
            validate_password(password, user)
        user.full_clean(exclude=["password"])
    except ValidationError as exc:
        raise ValidationFailed(" ".join(exc.messages)) from exc


@transaction.atomic
def user_create(
    *,
    actor: Any,
    username: str,
    password: str,
    role: str,
    full_name: str = "",
    province: Province | None = None,
    unit: Unit | None = None,
    email: str = "",
) -> User:
    """Create an account. A board administrator creates accounts inside their province scope.

    `actor=None` is allowed only to bootstrap the first administrator of an empty system.
    """
    if actor is None:
        if User.objects.exists():
            raise ValidationFailed(
                _("Chỉ tạo tài khoản không có người thực hiện khi hệ thống còn trống.")
            )
    else:
        require(actor, "accounts.add_user", unit or province)
    if role not in Role.values:
        raise ValidationFailed(_("Vai trò “%(role)s” không hợp lệ.") % {"role": role})
    if User.objects.filter(username=username).exists():
        raise Conflict(
            _("Tên đăng nhập “%(name)s” đã tồn tại.") % {"name": username}, code="username_taken"
        )
    if unit is not None and province is None:
        province = unit.province
    user = User(
        username=username, role=role, full_name=full_name, province=province, unit=unit, email=email
    )
    _validate(user, password)
    user.set_password(password)
    stamp(user, actor=actor, reason="user_create")
    user.save()
    return user
