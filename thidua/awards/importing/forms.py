from typing import Any

from thidua.org.forms_io import ImportForm


class RegistryImportForm(ImportForm):
    """The org import's form (province, file, size limit) without its dry-run box."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["dry_run"]
