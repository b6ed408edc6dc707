"""Helpers shared by the council and decision pages: the province shown, labels of proposals and
members, running a service, and the small reads the pages need besides the selectors."""

from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.http import HttpRequest

from thidua.accounts.models import User
from thidua.accounts.permissions import can
from thidua.core.exceptions import NotFound
from thidua.decisions.enums import CouncilRole, SessionStatus
from thidua.decisions.models import CouncilMember, SessionProposal
from thidua.decisions.services._common import province_family
from thidua.dossiers.models import Proposal, ProposalStatus
from thidua.org import selectors as org_selectors
from thidua.org.models import Province
from thidua.org.selectors import pages as org_pages
from thidua.org.views import require_can

PROVINCE_PARAM = "tinh"
ROLE_ORDER = {value: i for i, value in enumerate(CouncilRole.values)}


def chosen_province(request: HttpRequest) -> tuple[Province, list[Province]]:
    """The province a page shows (`?tinh=<id>`, else the user's own) and the provinces the user
    may choose from; 404 when the user sees none or asks for one out of scope."""
    require_can(request, "decisions.view", None)
    provinces = list(org_selectors.province_list_for_user(user=request.user).order_by("name"))
    raw = request.GET.get(PROVINCE_PARAM, "")
    if raw:
        try:
            wanted = int(raw)
        except ValueError:
            raise NotFound() from None
        province = next((p for p in provinces if p.pk == wanted), None)
    else:
        province = org_pages.default_province_for_user(user=request.user, provinces=provinces)
    if province is None:
        raise NotFound()
    require_can(request, "decisions.view", province)
    return province, provinces


def province_get(request: HttpRequest, pk: int) -> Province:
    return org_selectors.province_get_for_user(user=request.user, pk=pk)


def member_label(member: CouncilMember) -> str:
    parts = [member.full_name, str(member.get_role_display())]
    if member.title:
        parts.append(member.title)
    return " – ".join(parts)


def sorted_members(members: Iterable[CouncilMember]) -> list[CouncilMember]:
    """Chair first, in the order of the role choices, then by name."""
    return sorted(members, key=lambda m: (ROLE_ORDER.get(m.role, 99), m.full_name, m.pk))


def proposals_in_status(province: Province, status: str) -> QuerySet[Proposal]:
    """Proposals of the province (and the provinces merged into it) in `status`."""
    return (
        Proposal.objects.filter(status=status, province_id__in=province_family(province.pk))
        .select_related("unit", "person__unit")
        .order_by("award_type", "year", "pk")
    )


def proposals_to_review(province: Province) -> QuerySet[Proposal]:
    """VALID proposals of the province not before an open session yet."""
    busy = SessionProposal.objects.filter(session__status=SessionStatus.OPEN).values("proposal_id")
    return proposals_in_status(province, ProposalStatus.VALID).exclude(pk__in=busy)


def users_of_province(province: Province) -> QuerySet[User]:
    """Accounts a council member may be tied to: active users of the province."""
    return (
        User.objects.filter(is_active=True)
        .filter(Q(province_id=province.pk) | Q(unit__province_id=province.pk))
        .order_by("username")
    )


def may(request: HttpRequest, perm: str, province: Province) -> bool:
    return bool(can(request.user, perm, province))
