from ninja import NinjaAPI

api = NinjaAPI(title="Thi đua – Khen thưởng API", version="1", urls_namespace="api")
