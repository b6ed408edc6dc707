"""The demo year cycle: covenants, criteria tables, registrations, scores and rankings.

Everything goes through the services, acting as the people who would do it: the leader unit's
officer drafts the covenant and reviews, each member's officer signs, registers and self-scores,
the board locks the table and reviews the leader's own card. Scores are illustrative and
deterministic (seeded), tilted so that each season's leader unit ranks first, as the bloc
leader is the one proposed for the provincial flag (COL-03).
"""

import random
from collections.abc import Callable
from decimal import Decimal

from django.core.files.base import ContentFile

from thidua.accounts.models import User
from thidua.covenants.models import Covenant, Criterion
from thidua.covenants.services import (
    covenant_create,
    covenant_item_add,
    covenant_lock,
    covenant_open_signing,
    covenant_sign,
    criterion_create,
    registration_approve,
    registration_create,
    registration_submit,
)
from thidua.org.demo import season_data as data
from thidua.org.models import Season
from thidua.scoring.models import Score, Scorecard
from thidua.scoring.services import (
    evidence_upload,
    objection_answer,
    objection_file,
    score_set_review,
    score_set_self,
    scorecard_finalize,
    scorecard_get_or_create,
    scorecard_mark_reviewed,
    scorecard_submit,
    season_open_objections,
)

SCORED_YEARS = (2022, 2023)
# A one-page PDF: the evidence check reads the content, not the name.
EVIDENCE_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _officer(officers: dict[int, User], unit_id: int) -> User:
    return officers[unit_id]


def _table(covenant: Covenant, actor: User) -> None:
    rows: dict[str, Criterion] = {}
    for code, parent, title, kind, max_points, step, evidence in data.CRITERIA_TABLE:
        rows[code] = criterion_create(
            actor=actor,
            covenant=covenant,
            code=code,
            title=title,
            kind=kind,
            max_points=max_points,
            parent=rows[parent] if parent else None,
            points_per_item=step,
            evidence_required=evidence,
        )
    for text in data.COVENANT_ITEMS:
        covenant_item_add(actor=actor, covenant=covenant, text=text)


def _covenant(season: Season, admin: User, officers: dict[int, User]) -> Covenant:
    leader = _officer(officers, season.leader_id)  # type: ignore[arg-type]
    first = not Covenant.objects.filter(
        season__bloc=season.bloc, season__year__lt=season.year
    ).exists()
    covenant = covenant_create(
        actor=leader,
        season=season,
        title=f"Giao ước thi đua năm {season.year} – {season.bloc.name}",
        copy_previous=not first,
        body=(
            f"Các đơn vị thành viên {season.bloc.name} cùng ký kết giao ước thi đua năm {season.year} "
            "với các nội dung và bảng điểm dưới đây (nội dung minh hoạ)."
        ),
        total_points=Decimal(1000),
        tie_breaks=data.TIE_BREAKS,
    )
    if first:
        _table(covenant, leader)
    covenant_open_signing(actor=leader, covenant=covenant)
    for membership in season.memberships.all():
        covenant_sign(actor=_officer(officers, membership.unit_id), covenant=covenant)
    covenant_lock(actor=admin, covenant=covenant)
    return covenant


def _self_points(row: Criterion, quality: float, rng: random.Random, *, is_leader: bool) -> Decimal:
    if row.kind == "bonus":
        if row.code == "B.3" and is_leader:
            return row.max_points
        step = row.points_per_item or row.max_points
        return step if rng.random() < 0.15 else Decimal(0)
    if row.kind == "deduction":
        step = row.points_per_item or row.max_points
        return step if rng.random() < 0.2 and not is_leader else Decimal(0)
    share = min(1.0, max(0.6, quality + rng.uniform(-0.04, 0.03)))
    return Decimal(round(float(row.max_points) * share))


def _scores(season: Season, admin: User, officers: dict[int, User], rng: random.Random) -> None:
    leader_officer = _officer(officers, season.leader_id)  # type: ignore[arg-type]
    cards: list[Scorecard] = []
    for membership in season.memberships.select_related("unit").order_by("unit__name"):
        officer = _officer(officers, membership.unit_id)
        is_leader = membership.unit_id == season.leader_id
        registration = registration_create(
            actor=officer,
            season=season,
            targets="Hoàn thành xuất sắc các chỉ tiêu, nhiệm vụ được giao; không có cán bộ vi phạm kỷ luật.",
            aimed_titles=["Cờ thi đua của UBND tỉnh"]
            if is_leader
            else ["Bằng khen của Chủ tịch UBND tỉnh"],
        )
        registration_submit(actor=officer, registration=registration)
        registration_approve(
            actor=leader_officer if not is_leader else admin, registration=registration
        )
        card, _created = scorecard_get_or_create(actor=officer, season=season, unit=membership.unit)
        quality = 0.95 if is_leader else rng.uniform(0.8, 0.92)
        for score in card.scores.select_related("criterion"):
            points = _self_points(score.criterion, quality, rng, is_leader=is_leader)
            score_set_self(
                actor=officer, score=score, points=points, comment="Có báo cáo, số liệu kèm theo."
            )
            if score.criterion.evidence_required:
                evidence_upload(
                    actor=officer,
                    score=score,
                    file=ContentFile(EVIDENCE_PDF, name=f"minh-chung-{score.criterion.code}.pdf"),
                )
        scorecard_submit(actor=officer, scorecard=card)
        cards.append(card)
    for card in cards:
        reviewer = admin if card.unit_id == season.leader_id else leader_officer
        adjustable = [
            s for s in card.scores.select_related("criterion") if s.criterion.kind == "criterion"
        ]
        row = rng.choice(adjustable)
        if row.self_score and row.self_score >= 10 and card.unit_id != season.leader_id:
            score_set_review(
                actor=reviewer,
                score=row,
                points=row.self_score - 5,
                reason="Minh chứng chưa thể hiện đầy đủ kết quả tự chấm.",
            )
        scorecard_mark_reviewed(actor=reviewer, scorecard=card)
    season_open_objections(actor=leader_officer, season=season)
    objector = next(
        (c for c in cards if c.unit_id not in (season.leader_id, season.deputy_id)), None
    )
    if objector is not None:
        first_row = (
            objector.scores.filter(criterion__kind="criterion")
            .order_by("criterion__order", "pk")
            .first()
        )
        assert isinstance(first_row, Score)
        row = first_row
        objection = objection_file(
            actor=_officer(officers, objector.unit_id),
            scorecard=objector,
            criterion=row.criterion,
            text="Đề nghị xem xét lại điểm tiêu chí này, đơn vị đã bổ sung minh chứng.",
        )
        objection_answer(
            actor=leader_officer,
            objection=objection,
            answer="Khối đã xem xét minh chứng bổ sung, giữ nguyên điểm thẩm định.",
        )
    for card in cards:
        finalizer = admin if card.unit_id == season.leader_id else leader_officer
        scorecard_finalize(actor=finalizer, scorecard=card)


def load_cycle(
    admin: User,
    officers: dict[int, User],
    log: Callable[[str], None] = print,
    *,
    scores: bool = True,
) -> None:
    """Covenants for every demo season; registrations, scores and final rankings for SCORED_YEARS."""
    rng = random.Random(1945)  # noqa: S311 - illustrative scores, not secrets
    seasons = Season.objects.select_related("bloc").order_by("bloc__name", "year")
    scored = 0
    for season in seasons:
        _covenant(season, admin, officers)
        if scores and season.year in SCORED_YEARS:
            _scores(season, admin, officers, rng)
            scored += 1
    log(f"Demo: {seasons.count()} giao ước, {scored} năm thi đua đã chấm điểm và xếp hạng.")
