"""The JSON API under /api/v1/: thin endpoints over the org selectors and services."""

from ninja import NinjaAPI

from thidua.api.auth import ApiTokenAuth
from thidua.api.endpoints import (
    auth,
    blocs,
    covenants,
    dashboard,
    deadlines,
    decisions,
    dossiers,
    eligibility,
    honour,
    people,
    provinces,
    ranking,
    registry,
    rulebook,
    scoring,
    search,
    seasons,
    statistics,
    summaries,
    units,
    voting,
)
from thidua.api.errors import install_error_handlers
from thidua.api.parser import JsonObjectParser

api = NinjaAPI(
    title="Thi đua – Khen thưởng API",
    version="1",
    urls_namespace="api",
    auth=ApiTokenAuth(),
    parser=JsonObjectParser(),
    description=(
        "API JSON của hệ thống thi đua, khen thưởng. Lấy mã truy cập bằng `POST /auth/token`, "
        "sau đó gửi `Authorization: Bearer <mã>`. Mọi lỗi có dạng "
        '`{"code": ..., "message": ..., "details": ...}`.'
    ),
)
install_error_handlers(api)
for module in (
    auth,
    provinces,
    units,
    people,
    blocs,
    seasons,
    covenants,
    scoring,
    ranking,
    voting,
    rulebook,
    registry,
    search,
    eligibility,
    dossiers,
    decisions,
    dashboard,
    statistics,
    summaries,
    deadlines,
    honour,
):
    api.add_router("", module.router)
