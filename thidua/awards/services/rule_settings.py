"""A province's own settings of the rulebook's parameters (quotas, thresholds, quorum, tie policy).

A setting overrides a rule's default parameters from a year on (rulebook.Override). It is the
province's regulation, so it binds where the rulebook's [U] default only warns: every value is
checked here, before it reaches a poll.

The reads at the end (`rule_setting_*_for_user`) serve the rulebook pages and the API; they are
kept next to the writes while awards/selectors.py is another engineer's module.
"""

import re
import unicodedata
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from thidua.accounts.permissions import require
from thidua.awards.models import RuleSetting
from thidua.awards.rulebook import (
    PARAM_CHOICES,
    PARAM_KINDS,
    as_fraction,
    load_rulebook,
    params_errors,
)
from thidua.core.exceptions import Conflict, ValidationFailed
from thidua.org.models import Province
from thidua.org.services._common import delete, save

# Ids of the research note domain-rules.md; others (VOT-05B, BAL-01, BLK-Q…) are product rules.
DOMAIN_RULE_ID = re.compile(r"(GEN|VOT|BLK|IND|COL|FRM)-\d{2}")
# Rules whose quota per bloc a province may set even where the default has none.
QUOTA_RULE_PREFIXES = ("BLK-Q", "BLK-09", "BLK-10", "BLK-04")
MIN_YEAR, MAX_YEAR = 2000, 2100
CITATION_MAX, NOTE_MAX, VALUE_MAX = 255, 4000, 60

# Parameter keys in the order rulebook.toml documents them (forms and pages follow it).
PARAM_KEYS: tuple[str, ...] = (
    "share",
    "strict",
    "base",
    "quorum_share",
    "review_presence_share",
    "seats_quota",
    "within",
    "share_of_standard",
    "policy",
    "female_share",
    "max_choices",
    "absent_in_writing",
    "chair_votes",
    "secret",
    "term_years",
    "max_consecutive_leader_years",
    "deputy_succeeds",
    "blocs_per_unit",
    "leader_unit_eligible",
    "tenure_reduction",
    "round_to_vnd",
)


# The kind of every key comes from the rulebook (rulebook.PARAM_KINDS), so a key added there
# is typed here without a second list.
def _keys(*kinds: str) -> frozenset[str]:
    return frozenset(key for key, kind in PARAM_KINDS.items() if kind in kinds)


SHARE_KEYS = _keys("share")
PRESENCE_KEYS = _keys("presence")
BOOL_KEYS = _keys("bool")
INT_KEYS = _keys("int")
COUNT_KEYS = _keys("count")
CODE_KEYS = _keys("code") - {"within"}
CHOICE_KEYS: Mapping[str, tuple[str, ...]] = dict(PARAM_CHOICES)
# Keys in the order rulebook.toml documents the voting ones, then the others alphabetically.
PARAM_KEYS = PARAM_KEYS + tuple(sorted(set(PARAM_KINDS) - set(PARAM_KEYS)))


def rule_group(rule_id: str) -> str:
    """GEN, VOT or BLK for the rules of the research note; "product" for the product's own."""
    return rule_id[:3] if DOMAIN_RULE_ID.fullmatch(rule_id) else "product"


def settable_keys(rule_id: str) -> tuple[str, ...]:
    """The keys a province may set for a rule: those of its defaults (any version), plus
    `seats_quota` for the quota rules. KeyError when the rule is unknown."""
    keys = {key for version in load_rulebook().versions(rule_id) for key in version.params}
    if rule_id.startswith(QUOTA_RULE_PREFIXES):
        keys.add("seats_quota")
    return tuple(
        [k for k in PARAM_KEYS if k in keys] + sorted(k for k in keys if k not in PARAM_KEYS)
    )


# ── Writes ──────────────────────────────────────────────────────────────────────────────────


@transaction.atomic
def rule_setting_set(
    *,
    actor: Any,
    province: Province,
    rule_id: str,
    params: Mapping[str, Any],
    from_year: int,
    citation: str = "",
    note: str = "",
) -> RuleSetting:
    """Create or update the province's setting of `rule_id` from `from_year` on.

    Side effects: the row is saved with the acting user (`updated_by`) and a history record
    (who, why, old and new values). An unchanged setting is returned as it is, without a record.
    Bad input raises ValidationFailed (codes unknown_rule, unknown_param, invalid_param,
    empty_params, invalid_year, required, invalid_text, too_long) and changes nothing.
    """
    require(actor, "awards.manage_rule_settings", province)
    rule_id = _clean_rule_id(rule_id)
    cleaned = clean_params(rule_id, params)
    year = _clean_year(from_year)
    citation = _clean_text(citation, field=_("văn bản của tỉnh"), max_length=CITATION_MAX)
    if not citation:
        raise ValidationFailed(
            _(
                "Cần ghi văn bản của tỉnh quy định giá trị này (số, ký hiệu, điều khoản), "
                "ví dụ “QĐ 86/2025/QĐ-UBND, Điều 3”."
            ),
            code="required",
            details={"field": "citation"},
        )
    note = _clean_text(note, field=_("ghi chú"), max_length=NOTE_MAX, multiline=True)
    setting = (
        RuleSetting.objects.select_for_update()
        .filter(province=province, rule_id=rule_id, from_year=year)
        .first()
    )
    values = {"params": cleaned, "citation": citation, "note": note}
    if setting is not None and all(getattr(setting, k) == v for k, v in values.items()):
        return setting
    created = setting is None
    if setting is None:
        setting = RuleSetting(province=province, rule_id=rule_id, from_year=year)
    for field, value in values.items():
        setattr(setting, field, value)
    setting.updated_by = actor if getattr(actor, "is_authenticated", False) else None
    try:
        with transaction.atomic():
            save(
                setting,
                actor=actor,
                reason="rule_setting_create" if created else "rule_setting_update",
                update_fields=None if created else [*values, "updated_by"],
            )
    except IntegrityError as exc:  # a concurrent create of the same province, rule and year
        raise Conflict(
            _("Thiết lập này vừa được người khác lưu; vui lòng tải lại trang."), code="conflict"
        ) from exc
    return setting


@transaction.atomic
def rule_setting_delete(*, actor: Any, setting: RuleSetting) -> None:
    """Delete a setting: the rule falls back to the rulebook's default (or an earlier setting).

    Side effects: a history record of the deletion (who, why, the last values).
    """
    require(actor, "awards.manage_rule_settings", setting.province)
    delete(setting, actor=actor, reason="rule_setting_delete")


# ── Validation ──────────────────────────────────────────────────────────────────────────────


def clean_params(rule_id: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters checked by key and type, shares written as exact fractions ("4/5").

    All problems are reported at once: `details["params"]` maps each faulty key to its message.
    """
    if not isinstance(params, Mapping) or not params:
        raise ValidationFailed(
            _("Cần đặt ít nhất một tham số cho quy tắc %(rule)s.") % {"rule": rule_id},
            code="empty_params",
        )
    allowed = settable_keys(rule_id)
    unknown = [str(key) for key in params if key not in allowed]
    if unknown:
        keys = ", ".join(allowed) if allowed else _("không có")
        problems = {
            key: _("Quy tắc %(rule)s không có tham số “%(key)s”. Tham số tỉnh được đặt: %(keys)s.")
            % {"rule": rule_id, "key": _printable(key), "keys": keys}
            for key in unknown
        }
        raise ValidationFailed(
            " ".join(problems.values()), code="unknown_param", details={"params": problems}
        )
    cleaned: dict[str, Any] = {}
    problems = {}
    for key in allowed:
        if key not in params:
            continue
        try:
            cleaned[key] = _clean_value(key, params[key])
        except ValueError as exc:
            problems[key] = str(exc)
    if problems:
        raise ValidationFailed(
            " ".join(problems.values()), code="invalid_param", details={"params": problems}
        )
    return cleaned


def _clean_value(key: str, value: Any) -> Any:
    """One value by its key's type; ValueError with a Vietnamese message when wrong."""
    shown = {"key": key, "value": _printable(value)}
    if key in SHARE_KEYS or key in PRESENCE_KEYS:
        share = _share(value)
        low_ok = key in PRESENCE_KEYS
        if share is None or share > 1 or share < 0 or (share == 0 and not low_ok):
            message = (
                _(
                    "“%(key)s” phải là tỷ lệ từ 0 đến 1, viết như 2/3, 80%% hoặc 0,8; nhận “%(value)s”."
                )
                if low_ok
                else _(
                    "“%(key)s” phải là tỷ lệ lớn hơn 0 và không quá 1, viết như 1/2, 4/5, 80%% "
                    "hoặc 0,8; nhận “%(value)s”."
                )
            )
            raise ValueError(message % shown)
        return str(share)
    if key in BOOL_KEYS:
        if not isinstance(value, bool):
            raise ValueError(_("“%(key)s” phải là true hoặc false; nhận “%(value)s”.") % shown)
        return value
    if key in COUNT_KEYS:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(
                _("“%(key)s” phải là số nguyên từ 0 trở lên; nhận “%(value)s”.") % shown
            )
        return value
    if key in INT_KEYS:
        if key == "seats_quota" and value is None:
            return None  # the province removes the quota of the default
        if not _positive_int(value):
            raise ValueError(
                _("“%(key)s” phải là số nguyên từ 1 trở lên; nhận “%(value)s”.") % shown
            )
        return value
    if key == "max_choices":
        if value != "seats" and not _positive_int(value):
            raise ValueError(
                _(
                    "“max_choices” phải là “seats” (bằng số lượng được bầu) hoặc số nguyên từ 1 "
                    "trở lên; nhận “%(value)s”."
                )
                % shown
            )
        return value
    if key in CHOICE_KEYS:
        if value not in CHOICE_KEYS[key]:
            choices = ", ".join(CHOICE_KEYS[key])
            raise ValueError(
                _("“%(key)s” phải là một trong: %(choices)s; nhận “%(value)s”.")
                % {**shown, "choices": choices}
            )
        return value
    if key == "within":
        codes = {a.code for a in load_rulebook().award_types(bloc_vote=True)}
        if value not in codes:
            raise ValueError(
                _(
                    "“within” phải là mã một hình thức do khối bình xét trong danh mục; "
                    "nhận “%(value)s”."
                )
                % shown
            )
        return value
    errors = params_errors({key: value})  # a key added to the rulebook after this module
    if errors:
        raise ValueError("; ".join(errors))
    return value


def _share(value: Any) -> Fraction | None:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    if isinstance(value, str) and (len(value) > VALUE_MAX or "\x00" in value):
        return None
    try:
        return as_fraction(unicodedata.normalize("NFC", value) if isinstance(value, str) else value)
    except (ValueError, OverflowError):
        return None


def _positive_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 10**9


def _printable(value: Any) -> str:
    text = str(value).replace("\x00", "\\x00")
    return text if len(text) <= VALUE_MAX else text[:VALUE_MAX] + "…"


def _clean_rule_id(rule_id: Any) -> str:
    text = str(rule_id or "").strip().upper()
    try:
        load_rulebook().versions(text)
    except KeyError:
        raise ValidationFailed(
            _("Không có quy tắc “%(rule)s” trong bộ quy tắc.") % {"rule": _printable(text)},
            code="unknown_rule",
        ) from None
    return text


def _clean_year(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not MIN_YEAR <= value <= MAX_YEAR:
        raise ValidationFailed(
            _("Năm áp dụng phải là số nguyên từ %(low)s đến %(high)s.")
            % {"low": MIN_YEAR, "high": MAX_YEAR},
            code="invalid_year",
            details={"field": "from_year"},
        )
    return value


def _clean_text(value: Any, *, field: str, max_length: int, multiline: bool = False) -> str:
    """NFC text without NUL; one line collapses inner whitespace, a note keeps its lines."""
    raw = unicodedata.normalize("NFC", str(value or ""))
    if "\x00" in raw:
        raise ValidationFailed(
            _("Trường “%(field)s” chứa ký tự không hợp lệ.") % {"field": field},
            code="invalid_text",
        )
    lines = raw.splitlines() if multiline else [raw]
    text = "\n".join(" ".join(line.split()) for line in lines).strip()
    if len(text) > max_length:
        raise ValidationFailed(
            _("Trường “%(field)s” dài quá %(max)s ký tự.") % {"field": field, "max": max_length},
            code="too_long",
        )
    return text
