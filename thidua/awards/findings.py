"""What a service does with the rulebook's findings on a step (a poll's setup, a council
session's quorum): a confirmed rule blocks; rules that only warn need a recorded reason."""

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from thidua.awards.rulebook import Finding
from thidua.core.exceptions import Conflict
from thidua.org.services._common import clean_text

REASON_MAX = 4000


def finding_dict(finding: Finding) -> dict[str, Any]:
    return {
        "rule_id": finding.rule_id,
        "citation": finding.citation,
        "message": finding.message,
        "blocking": finding.blocking,
        "code": finding.code,
    }


def judge(
    findings: Iterable[Finding], override_reason: str, *, unreasoned: str, separator: str
) -> tuple[list[dict[str, Any]], str]:
    """Refuse on a blocking finding (Conflict with its code); on warnings only, require and
    return a recorded reason (Conflict "needs_override_reason" with `unreasoned`, whose
    %(rules)s lists the warnings joined by `separator`). No finding: ([], "")."""
    findings = list(findings)
    blocking = [f for f in findings if f.blocking]
    if blocking:
        raise Conflict(
            blocking[0].message,
            code=blocking[0].code,
            details={"findings": [finding_dict(f) for f in findings]},
        )
    warnings = [finding_dict(f) for f in findings]
    if not warnings:
        return [], ""
    reason = clean_text(override_reason, field=_("lý do"), max_length=REASON_MAX)
    if not reason:
        raise Conflict(
            unreasoned % {"rules": separator.join(w["message"] for w in warnings)},
            code="needs_override_reason",
            details={"findings": warnings},
        )
    return warnings, reason
