from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LANGUAGE_CODE = "vi"
# Tests lay documents out in their own process (one test checks the workers).
DOCUMENT_PDF_WORKERS = 1
# Statistics are computed on every request (tests count their queries).
STATISTICS_CACHE_SECONDS = 0
