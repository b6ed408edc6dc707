"""E-mail to the units concerned when the council or a decision settles their proposals.

Sent after the transaction commits (a rolled-back close or decision sends nothing), to the
active users of the proposal's unit (a person's proposal: the person's unit) that have an
e-mail address, one message per recipient, through Django's mail backend.
"""

from collections.abc import Iterable, Sequence

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.awards.rulebook import load_rulebook
from thidua.dossiers.models import Proposal, ProposalStatus

SUBJECT_PREFIX = "[Thi đua – Khen thưởng] "


def _award_name(code: str) -> str:
    try:
        return load_rulebook().award_type(code).name
    except KeyError:
        return code


def _unit_id(proposal: Proposal) -> int | None:
    if proposal.unit_id is not None:
        return int(proposal.unit_id)
    return int(proposal.person.unit_id) if proposal.person_id is not None else None  # type: ignore[union-attr]


def messages_for(
    proposals: Sequence[Proposal], event: str, *, note: str = ""
) -> list[tuple[str, str, str, list[str]]]:
    """(subject, body, from, [to]) per recipient and proposal; one query for the recipients."""
    unit_ids = {u for u in (_unit_id(p) for p in proposals) if u is not None}
    emails: dict[int, list[str]] = {}
    for unit_id, email in (
        User.objects.filter(unit_id__in=unit_ids, is_active=True)
        .exclude(email="")
        .order_by("pk")
        .values_list("unit_id", "email")
    ):
        emails.setdefault(unit_id, []).append(email)
    status = ProposalStatus(event).label
    messages = []
    for proposal in proposals:
        subject_name = str(proposal.unit or proposal.person)
        values = {
            "award": _award_name(proposal.award_type),
            "year": proposal.year,
            "subject": subject_name,
            "status": status,
        }
        subject = SUBJECT_PREFIX + _("Đề nghị %(award)s năm %(year)s: %(status)s") % values
        body = (
            _(
                "Đề nghị khen thưởng “%(award)s” năm %(year)s cho %(subject)s đã chuyển sang "
                "trạng thái: %(status)s."
            )
            % values
        )
        if note:
            body += "\n\n" + note
        for email in emails.get(_unit_id(proposal) or 0, []):
            messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, [email]))
    return messages


def notify_units(proposals: Iterable[Proposal], event: str, *, note: str = "") -> None:
    """Queue the e-mails for after the commit (the recipients are read now)."""
    messages = messages_for(list(proposals), event, note=note)
    if messages:
        transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=True))
