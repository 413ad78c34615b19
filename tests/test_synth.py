"""Synthetic scans: pagination, footnote room, reproducible damage."""

from dataclasses import replace

import numpy as np

from ccn_docs import synth

PARAGRAPHS = ["Ủy ban nhân dân tỉnh giao các sở, ngành thực hiện nghiêm túc nội dung chỉ đạo này. " * 6] * 20
NOTE = "1 Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư. " * 2


def test_footnotes_take_room_from_the_body():
    plain = synth.paginate(PARAGRAPHS, 150)
    noted = synth.paginate(PARAGRAPHS, 150, footnotes={1: [NOTE]})
    assert len(noted[1].footnotes) == 2  # wrapped to the text width
    assert len(noted[1].body) < len(plain[1].body)
    assert len(noted[0].body) == len(plain[0].body)
    assert noted[1].reference_text.endswith(noted[1].footnotes[-1])


def test_body_ends_above_the_footnote_rule():
    spec = synth.paginate(PARAGRAPHS, 150, footnotes={0: [NOTE]})[0]
    with_notes = np.asarray(synth.render(spec, 150))
    body_only = np.asarray(synth.render(replace(spec, footnotes=[]), 150))
    last_body_row = np.flatnonzero((body_only < 128).any(axis=1)).max()
    first_note_row = np.flatnonzero((with_notes != body_only).any(axis=1)).min()  # the rule
    assert last_body_row < first_note_row


def test_degradation_is_reproducible():
    image = synth.render(synth.paginate(PARAGRAPHS[:2], 100)[0], 100)
    damage = synth.Degradation.archive(4)
    first, second = synth.degrade(image, damage, 4), synth.degrade(image, damage, 4)
    assert np.array_equal(np.asarray(first), np.asarray(second))
    assert 1.0 <= abs(damage.rotation_degrees) <= 3.0
