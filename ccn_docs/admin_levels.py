"""The levels of Vietnamese local government, as agency names write them.

Local government has three levels, each a set of kinds of unit:

* provincial (cấp tỉnh): tỉnh and thành phố trực thuộc trung ương;
* district (cấp huyện): huyện, quận, thị xã and thành phố thuộc tỉnh (or thuộc thành phố
  trực thuộc trung ương); the 2025 reform abolished this level;
* commune (cấp xã): xã, phường and thị trấn, and since the 2025 reform xã, phường and đặc khu.

A name addresses a whole level either by the level ("Ủy ban nhân dân cấp tỉnh") or by listing
kinds of unit of that level ("Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
"UBND các tỉnh/thành phố", "Bộ Chỉ huy quân sự tỉnh (thành phố)", "Ủy ban nhân dân các xã,
phường, đặc khu"): both are the same bodies, so :func:`level_names` writes both as "cấp …".
A bare "thành phố" is a unit of the provincial or of the district level, so it takes the level
of the units listed with it. One kind of unit alone ("Ủy ban nhân dân tỉnh", "các xã") is kept:
it names the issuer's own unit or only part of a level. A list that spans levels ("tỉnh, huyện,
xã") or names its place ("tỉnh, thành phố Hà Nội") is kept as written.
"""

from __future__ import annotations

import re

_PROVINCIAL, _DISTRICT, _COMMUNE = "cấp tỉnh", "cấp huyện", "cấp xã"
_CITY = r"(?:thành\s+phố|tp\.?)"
_CENTRAL = r"trực\s+thuộc\s+trung\s+ương"
# Each kind of unit with the level it belongs to; None: the unit belongs to either of two levels.
_UNITS: tuple[tuple[str, str | None], ...] = (
    (r"cấp\s+tỉnh", _PROVINCIAL),
    (r"cấp\s+huyện", _DISTRICT),
    (r"cấp\s+xã", _COMMUNE),
    (rf"{_CITY}\s+{_CENTRAL}", _PROVINCIAL),
    (rf"{_CITY}\s+thuộc\s+(?:tỉnh|thành\s+phố(?:\s+{_CENTRAL})?)", _DISTRICT),
    (_CITY, None),
    (r"tỉnh", _PROVINCIAL),
    (r"huyện|quận|thị\s+xã", _DISTRICT),
    (r"(?<!tác\s)xã(?!\s+hội)|phường|thị\s+trấn|đặc\s+khu", _COMMUNE),  # not "hợp tác xã", "xã hội"
)
_UNIT = "|".join(f"(?:{form})" for form, _ in _UNITS)
_UNIT_LEVELS = [(re.compile(rf"(?:{form})$", re.IGNORECASE), level) for form, level in _UNITS]
_JOIN = r"\s*(?:,|/|\(|\)|\bvà\b|\bhoặc\b)\s*(?:các\s+)?"
# Units joined into a list, with the "các" before it and a closing bracket after it.
_UNIT_LIST = re.compile(rf"(?<!\w)(?:các\s+)?(?P<units>(?:{_UNIT})(?:{_JOIN}(?:{_UNIT}))*)(?!\w)\)?", re.IGNORECASE)
_PLACE_AFTER = re.compile(r"\s*[^\W\d_]")  # a capital letter there begins a place's name
_SPLIT = re.compile(_JOIN, re.IGNORECASE)


def _unit_level(unit: str) -> str | None:
    return next(level for pattern, level in _UNIT_LEVELS if pattern.match(unit.strip()))


def _level_of(units: str) -> str | None:
    """The one level a list of units covers, or None when it is one bare unit or spans levels."""
    parts = [part for part in _SPLIT.split(units) if part.strip()]
    levels = {_unit_level(part) for part in parts}
    named = levels - {None}
    if len(named) != 1:
        return None
    level = named.pop()
    return level if len(parts) > 1 or parts[0].lower().startswith("cấp") else None


def level_names(name: str) -> str:
    """``name`` with a whole level's units written as its level (see the module doc):
    'Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương' → 'Ủy ban nhân dân cấp tỉnh'."""
    def written(match: re.Match) -> str:
        after = _PLACE_AFTER.match(name, match.end())
        level = None if after and after.group(0)[-1].isupper() else _level_of(match.group("units"))
        return level or match.group(0)

    return _UNIT_LIST.sub(written, name)
