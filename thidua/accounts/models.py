import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.accounts.enums import Role


class User(AbstractUser):
    """A person who signs in: board administrator, unit officer or read-only viewer.

    `province` scopes board administrators and viewers (empty = every province);
    a unit officer acts for `unit` and, in a season led by that unit, as the bloc leader.
    """

    full_name = models.CharField(_("họ và tên"), max_length=120, blank=True)
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices, default=Role.VIEWER)
    province = models.ForeignKey(
        "org.Province",
        verbose_name=_("tỉnh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="officers",
    )

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def clean(self) -> None:
        super().clean()
        if self.role == Role.UNIT_OFFICER and self.unit_id is None:
            raise ValidationError({"unit": _("Cán bộ đơn vị phải gắn với một đơn vị.")})

    @property
    def display_name(self) -> str:
        return self.full_name or self.username


class ApiToken(models.Model):
    """A bearer token for the JSON API; only a SHA-256 digest of the secret is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("mã truy cập API")
        verbose_name_plural = _("mã truy cập API")

    def __str__(self) -> str:
        return f"token of {self.user_id}"

    @staticmethod
    def digest_of(secret: str) -> str:
        return hashlib.sha256(secret.encode()).hexdigest()
