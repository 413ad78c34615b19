"""Alignment of OCR output with its source, and the confusion tables learned from it."""

from collections import Counter

from ccn_docs.restore.confusions import aligned_pairs, char_table, edit_groups, page_jobs
from ccn_docs.restore.corpus import dev_names
from ccn_docs.restore.build import BuildOptions
from tests.shared_corpus import SHARED, needs_shared_corpus


def test_edit_groups_merge_adjacent_edits_and_keep_context():
    assert edit_groups("ciia", "cua") == [("ii", "u")]
    assert edit_groups("s6", "so") == [("6", "o")]
    assert edit_groups("1y", "ly") == [("1", "l")]
    assert edit_groups("nghiep", "nghiep") == []


def test_aligned_pairs_pairs_tokens_on_folded_keys():
    observed = "Nghi dinh s6 ciia Chinh phu".split()
    truth = "Nghị định số của Chính phủ".split()
    pairs, uneven = aligned_pairs(observed, truth)
    assert ("s6", "số") in pairs and ("ciia", "của") in pairs and ("Nghi", "Nghị") in pairs
    assert uneven == []


def test_aligned_pairs_records_merges_and_splits():
    observed = "ke hoachnam 2025".split()
    truth = "kế hoạch năm 2025".split()
    pairs, uneven = aligned_pairs(observed, truth)
    assert ("ke", "kế") in pairs and ("2025", "2025") in pairs
    assert uneven == [("hoachnam", "hoạch năm")]


def test_char_table_is_a_conditional_probability():
    pairs = Counter({("s6", "so"): 3, ("56", "56"): 1, ("ciia", "cua"): 2, ("cua", "cua"): 5})
    table = char_table(pairs)
    assert table["6"]["o"] == 0.75  # 3 of 4 observed '6' were 'o'
    assert table["ii"]["u"] == 0.99  # capped: no confusion is certain


@needs_shared_corpus
def test_training_pages_never_come_from_the_dev_split():
    jobs = page_jobs(SHARED, BuildOptions().channel_pages)
    held_out = dev_names()
    assert jobs and all(document.name not in held_out for document, *_ in jobs)
    assert {lang for _, lang, *_ in jobs} == {"eng", "vie"}
