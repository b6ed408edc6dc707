"""Fixed wording of the Decree 30/2020/NĐ-CP layout (Appendix I).

Official documents are issued in Vietnamese whatever the reader's interface language, so these
strings are not passed through gettext.
"""

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
NUMBER_PREFIX = "Số:"
RECIPIENTS_LABEL = "Kính gửi:"
DISTRIBUTION_LABEL = "Nơi nhận:"

__all__ = [
    "DISTRIBUTION_LABEL",
    "MOTTO",
    "NATIONAL_NAME",
    "NUMBER_PREFIX",
    "RECIPIENTS_LABEL",
]
