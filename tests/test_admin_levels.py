"""Levels of local government: a whole level is written one way however its units are listed."""

from __future__ import annotations

import pytest

from ccn_docs.admin_levels import level_names


@pytest.mark.parametrize("name, expected", [
    ("Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương", "Ủy ban nhân dân cấp tỉnh"),
    ("UBND các tỉnh/ thành phố", "UBND cấp tỉnh"),
    ("Bộ Chỉ huy quân sự tỉnh (thành phố)", "Bộ Chỉ huy quân sự cấp tỉnh"),
    ("Bộ Chỉ huy quân sự cấp tỉnh, thành phố trực thuộc trung ương", "Bộ Chỉ huy quân sự cấp tỉnh"),
    ("Ủy ban nhân dân các huyện, quận, thị xã, thành phố thuộc tỉnh", "Ủy ban nhân dân cấp huyện"),
    ("Ủy ban nhân dân huyện, thành phố", "Ủy ban nhân dân cấp huyện"),
    ("Ủy ban nhân dân xã, phường, thị trấn", "Ủy ban nhân dân cấp xã"),
    ("Ủy ban nhân dân các xã, phường, đặc khu", "Ủy ban nhân dân cấp xã"),
    ("Cơ quan quân sự địa phương cấp xã (phường, đặc khu)", "Cơ quan quân sự địa phương cấp xã"),
    ("ỦY BAN NHÂN DÂN CÁC TỈNH, THÀNH PHỐ", "ỦY BAN NHÂN DÂN cấp tỉnh"),
])
def test_units_that_make_up_one_level_are_written_as_that_level(name, expected):
    assert level_names(name) == expected


@pytest.mark.parametrize("name", [
    "Ủy ban nhân dân tỉnh",  # one unit: the issuer's own province, or one named before
    "Ủy ban nhân dân các xã",  # one kind of unit: part of a level
    "Ủy ban nhân dân thành phố",  # a city of either level
    "Ủy ban nhân dân tỉnh, huyện, xã",  # units of three levels
    "Ủy ban nhân dân tỉnh, thành phố Hà Nội",  # a place named: no whole level
    "Liên minh Hợp tác xã, phường",  # "hợp tác xã" is no commune
    "Các tổ chức chính trị - xã hội",
    "Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh",  # two bodies of one province
])
def test_names_that_are_no_whole_level_are_kept(name):
    assert level_names(name) == name


def test_a_qualified_level_stays_qualified():
    assert level_names("Ủy ban nhân dân các tỉnh, thành phố bị ảnh hưởng") == "Ủy ban nhân dân cấp tỉnh bị ảnh hưởng"
