"""Writes of the awards app: a province's rule settings and the registry of awards.

`from thidua.awards import services; services.rule_setting_set(...)` keeps working: every public
name of the modules is re-exported here.
"""

from thidua.awards.services.registry import (
    assessment_set,
    award_record_create,
    award_record_revoke,
    award_record_update,
)
from thidua.awards.services.rule_settings import (
    BOOL_KEYS,
    CHOICE_KEYS,
    CITATION_MAX,
    COUNT_KEYS,
    DOMAIN_RULE_ID,
    INT_KEYS,
    MAX_YEAR,
    MIN_YEAR,
    NOTE_MAX,
    PARAM_KEYS,
    PRESENCE_KEYS,
    QUOTA_RULE_PREFIXES,
    SHARE_KEYS,
    VALUE_MAX,
    clean_params,
    rule_group,
    rule_setting_delete,
    rule_setting_set,
    settable_keys,
)

__all__ = [
    "BOOL_KEYS",
    "CHOICE_KEYS",
    "COUNT_KEYS",
    "CITATION_MAX",
    "DOMAIN_RULE_ID",
    "INT_KEYS",
    "MAX_YEAR",
    "MIN_YEAR",
    "NOTE_MAX",
    "PARAM_KEYS",
    "PRESENCE_KEYS",
    "QUOTA_RULE_PREFIXES",
    "SHARE_KEYS",
    "VALUE_MAX",
    "assessment_set",
    "award_record_create",
    "award_record_revoke",
    "award_record_update",
    "clean_params",
    "rule_group",
    "rule_setting_delete",
    "rule_setting_set",
    "settable_keys",
]
