"""E-mail notifications of the proposal workflow (Django's mail backend: console in development,
locmem in the tests).

`notify(proposals, event, note=...)` sends, after the transaction commits, one message per
recipient listing that recipient's proposals:

- "submitted": to the board administrators of the proposals' province (those with an e-mail);
- any other event ("received", "returned", "rejected", "valid", "withdrawn", and "approved",
  "not_approved", "decided" for the council and decision services): to the users of the units
  concerned, i.e. users whose unit is the proposal's subject unit, its submitting unit or its
  dossier's submitting unit, and who have an e-mail.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from thidua.accounts.enums import Role
from thidua.accounts.models import User
from thidua.awards.rulebook import load_rulebook
from thidua.core.links import site_link
from thidua.dossiers.models import Proposal

EVENTS = (
    "submitted",
    "received",
    "returned",
    "rejected",
    "valid",
    "withdrawn",
    "approved",
    "not_approved",
    "decided",
)


def _subject_line(event: str) -> str:
    subjects = {
        "submitted": _("[Thi đua] Có đề nghị khen thưởng mới được trình"),
        "received": _("[Thi đua] Ban đã tiếp nhận đề nghị khen thưởng"),
        "returned": _("[Thi đua] Đề nghị khen thưởng được trả lại để bổ sung"),
        "rejected": _("[Thi đua] Đề nghị khen thưởng không đủ điều kiện"),
        "valid": _("[Thi đua] Đề nghị khen thưởng hợp lệ, chờ Hội đồng xét"),
        "withdrawn": _("[Thi đua] Đề nghị khen thưởng đã được rút"),
        "approved": _("[Thi đua] Hội đồng đã thông qua đề nghị khen thưởng"),
        "not_approved": _("[Thi đua] Hội đồng không thông qua đề nghị khen thưởng"),
        "decided": _("[Thi đua] Đã có quyết định khen thưởng"),
    }
    return subjects[event]


def _line(proposal: Proposal) -> str:
    subject = str(proposal.person.full_name if proposal.person else proposal.unit)
    line = _("- %(subject)s: %(award)s năm %(year)s") % {
        "subject": subject,
        "award": _award_name(proposal.award_type),
        "year": proposal.year,
    }
    link = site_link("dossiers:proposal_detail", proposal.pk)
    return f"{line}\n  {link}" if link else line


def _award_name(code: str) -> str:
    try:
        return load_rulebook().award_type(code).name
    except KeyError:
        return code


def _board_users(province_ids: set[int]) -> dict[int, list[User]]:
    found: dict[int, list[User]] = defaultdict(list)
    users = User.objects.filter(
        role=Role.BOARD_ADMIN, province_id__in=province_ids, is_active=True
    ).exclude(email="")
    for user in users:
        found[int(user.province_id)].append(user)  # type: ignore[arg-type]
    return found


def _unit_users(unit_ids: set[int]) -> dict[int, list[User]]:
    found: dict[int, list[User]] = defaultdict(list)
    for user in User.objects.filter(unit_id__in=unit_ids, is_active=True).exclude(email=""):
        found[int(user.unit_id)].append(user)  # type: ignore[arg-type]
    return found


def _unit_ids(proposal: Proposal) -> set[int]:
    ids = {proposal.subject_unit_id, proposal.submitting_unit_id}
    if proposal.dossier is not None:
        ids.add(proposal.dossier.submitting_unit_id)
    return {i for i in ids if i is not None}


def messages_for(
    proposals: Iterable[Proposal], event: str, *, note: str = ""
) -> list[tuple[str, str, str, list[str]]]:
    """The (subject, body, from, [to]) of each message, one per recipient."""
    if event not in EVENTS:
        raise ValueError(f"sự kiện lạ: {event!r}")
    rows = list(
        Proposal.objects.filter(pk__in=[p.pk for p in proposals]).select_related(
            "unit", "person", "dossier"
        )
    )
    per_user: dict[int, tuple[User, list[Proposal]]] = {}
    if event == "submitted":
        board = _board_users({p.province_id for p in rows})
        targets = [(p, board.get(p.province_id, [])) for p in rows]
    else:
        unit_ids = {p.pk: _unit_ids(p) for p in rows}
        users = _unit_users(set().union(*unit_ids.values()) if unit_ids else set())
        targets = [(p, [u for i in unit_ids[p.pk] for u in users.get(i, [])]) for p in rows]
    for proposal, recipients in targets:
        for user in recipients:
            per_user.setdefault(user.pk, (user, []))[1].append(proposal)
    with translation.override(settings.LANGUAGE_CODE):
        return [_message(user, items, event, note) for user, items in per_user.values()]


def _message(
    user: User, items: list[Proposal], event: str, note: str
) -> tuple[str, str, str, list[str]]:
    lines = sorted(dict.fromkeys(_line(p) for p in items))
    body = [_("Kính gửi %(name)s,") % {"name": user.display_name}, ""]
    body.append(_subject_line(event).removeprefix("[Thi đua] ") + ":")
    body.extend(lines)
    if note:
        body.extend(["", _("Ghi chú, lý do: %(note)s") % {"note": note}])
    return (_subject_line(event), "\n".join(body), settings.DEFAULT_FROM_EMAIL, [user.email])


def notify(proposals: Iterable[Proposal], event: str, *, note: str = "") -> None:
    """Send the e-mails of `event` for `proposals` once the current transaction commits
    (at once outside a transaction). Mail errors are not raised to the user."""
    chosen = list(proposals)
    if event not in EVENTS:
        raise ValueError(f"sự kiện lạ: {event!r}")

    def send() -> None:
        messages = messages_for(chosen, event, note=note)
        if messages:
            send_mass_mail(messages, fail_silently=True)

    transaction.on_commit(send)


__all__ = ["EVENTS", "messages_for", "notify"]
