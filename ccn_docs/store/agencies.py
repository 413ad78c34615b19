"""Agency names as keys: one canonical key per agency however it is written.

"Sở TN&MT", "Sở Tài nguyên và Môi trường" and "so tai nguyen va moi truong" all
become ``so tai nguyen va moi truong``: diacritics folded (đ → d included), case
dropped, the standard abbreviations of Vietnamese administration expanded and
punctuation removed. The initialism of that key ("stnvmt") is kept as an alias so
users can type an abbreviation too. A whole level of local government is one key however
its units are listed: "UBND các tỉnh, thành phố trực thuộc Trung ương" and "Ủy ban nhân dân
cấp tỉnh" are both ``uy ban nhan dan cap tinh`` (see :mod:`ccn_docs.admin_levels`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..admin_levels import level_names
from ..vietnamese import fold, nfc

# Abbreviations used in the names of State bodies (folded, lower case) → expansion.
# Written from general administrative usage (Nghị định 30/2020/NĐ-CP, agency names
# of provinces), not from any document in the corpus.
ABBREVIATIONS: dict[str, str] = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "mttq": "mat tran to quoc",
    "tn&mt": "tai nguyen va moi truong",
    "tnmt": "tai nguyen va moi truong",
    "kh&dt": "ke hoach va dau tu",
    "khdt": "ke hoach va dau tu",
    "ld-tb&xh": "lao dong thuong binh va xa hoi",
    "ldtb&xh": "lao dong thuong binh va xa hoi",
    "ldtbxh": "lao dong thuong binh va xa hoi",
    "gd&dt": "giao duc va dao tao",
    "gddt": "giao duc va dao tao",
    "vh,tt&dl": "van hoa the thao va du lich",
    "vhtt&dl": "van hoa the thao va du lich",
    "vhttdl": "van hoa the thao va du lich",
    "nn&ptnt": "nong nghiep va phat trien nong thon",
    "nnptnt": "nong nghiep va phat trien nong thon",
    "kh&cn": "khoa hoc va cong nghe",
    "khcn": "khoa hoc va cong nghe",
    "tt&tt": "thong tin va truyen thong",
    "tttt": "thong tin va truyen thong",
    "gtvt": "giao thong van tai",
    "bchqs": "bo chi huy quan su",
    "bhxh": "bao hiem xa hoi",
    "kbnn": "kho bac nha nuoc",
    "tp": "thanh pho",
    "tx": "thi xa",
}

_ABBREVIATION_RE = re.compile(
    r"(?<![\w&])(" + "|".join(re.escape(a) for a in sorted(ABBREVIATIONS, key=len, reverse=True)) + r")(?![\w&])"
)
_NON_WORD_RE = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def agency_key(name: str) -> str:
    """The canonical key of an agency name (see module docstring)."""
    folded = fold(level_names(nfc(name))).lower()
    expanded = _ABBREVIATION_RE.sub(lambda m: ABBREVIATIONS[m.group(1)], folded)
    return _NON_WORD_RE.sub(" ", expanded.replace("&", " va ")).strip()


def initialism(key: str) -> str:
    """First letters of the key's words except "và": 'so ke hoach va dau tu' → 'skhdt'."""
    return "".join(word[0] for word in key.split() if word != "va")


@lru_cache(maxsize=65536)
def display_name(name: str) -> str:
    """The name as shown: NFC, single spaces, abbreviations kept as written."""
    return " ".join(nfc(name).split())
