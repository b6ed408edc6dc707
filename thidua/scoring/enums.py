from django.db import models
from django.utils.translation import pgettext_lazy


class ScorecardStatus(models.TextChoices):
    """draft → submitted → reviewed → objection window → final (the board may reopen a final card)."""

    DRAFT = "draft", pgettext_lazy("scorecard status", "Đang tự chấm")
    SUBMITTED = "submitted", pgettext_lazy("scorecard status", "Đã nộp")
    REVIEWED = "reviewed", pgettext_lazy("scorecard status", "Đã thẩm định")
    OBJECTION = "objection", pgettext_lazy("scorecard status", "Đang nhận ý kiến")
    FINAL = "final", pgettext_lazy("scorecard status", "Chính thức")


class ObjectionStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("objection status", "Chờ trả lời")
    ANSWERED = "answered", pgettext_lazy("objection status", "Đã trả lời")
