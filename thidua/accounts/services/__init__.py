from .api_token import api_token_issue, api_token_revoke, api_token_touch

__all__ = ["api_token_issue", "api_token_revoke", "api_token_touch"]
