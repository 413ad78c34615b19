import json

import numpy as np
import pytest

from ccn_docs.errors import ModelError
from ccn_docs.extract import extract_text, task_classifier
from ccn_docs.extract.layout import Block
from ccn_docs.extract.outline import Node
from ccn_docs.extract.task_classifier import (Candidate, TaskClassifier, feature_names, later_sentences, opening_words,
                                              using)
from ccn_docs.modeldata import model_file
from tests.directives import directive_text

HEADINGS = """ỦY BAN NHÂN DÂN
TỈNH BẮC NINH
Số: 21/KH-UBND
KẾ HOẠCH
Triển khai công tác phòng, chống dịch bệnh
I. MỤC ĐÍCH, YÊU CẦU
1. Trong thời hạn 05 ngày làm việc, kể từ ngày nhận đủ hồ sơ, Sở Tài chính thẩm định dự toán kinh phí.
II. NHIỆM VỤ
1. Sở Y tế:
a) Giám sát chặt chẽ tình hình dịch bệnh trên địa bàn.
b) Ghi nhận kết quả các đợt kiểm tra trước đây.
"""


class KeepsAll:
    """Adds every node the rules passed over."""

    def keep(self, candidates):
        return [True] * len(candidates)


class KeepsTheRules:
    def keep(self, candidates):
        return [c.rules for c in candidates]


def model(weights: dict[str, float], keep_at: float = 0.2, add_at: float = 0.55, vocabulary=()) -> TaskClassifier:
    names = feature_names()
    width = len(names) + len(vocabulary)
    w = np.zeros(width)
    for name, value in weights.items():
        w[names.index(name) if name in names else len(names) + list(vocabulary).index(name)] = value
    return TaskClassifier(list(vocabulary), np.zeros(width), np.ones(width), w, 0.0, keep_at, add_at)


def tasks(text, reviewer):
    with using(reviewer):
        return extract_text(text, source_file="kh.txt").tasks


def test_the_committed_weights_load_and_score_with_this_codes_features():
    data = json.loads(model_file(task_classifier.MODEL_FILE).read_text(encoding="utf-8"))
    loaded = task_classifier.load()
    assert data["features"] == feature_names()
    assert len(loaded.weights) == len(feature_names()) + len(loaded.vocabulary)
    assert 0 <= loaded.keep_at <= loaded.add_at <= 1.01


def test_weights_fitted_on_other_features_are_refused():
    data = task_classifier.load().to_dict()
    data["features"] = data["features"][1:]
    with pytest.raises(ModelError, match="tasks-only"):
        TaskClassifier.from_dict(data)


def test_a_rules_task_naming_its_own_doer_survives_the_committed_model():
    """'Sở Tư pháp thẩm định …': a named body as subject and a verb of work is never dropped."""
    found = tasks(directive_text(), task_classifier.load())
    assert ("Sở Tư pháp", "Sở Tư pháp thẩm định") in [(t.agency, t.task[:20]) for t in found]


def test_a_reviewer_keeping_the_rules_candidates_extracts_as_the_rules_alone():
    rules = [(t.agency, t.task) for t in tasks(HEADINGS, None)]
    assert rules and [(t.agency, t.task) for t in tasks(HEADINGS, KeepsTheRules())] == rules


def test_a_reviewer_keeping_the_rules_candidates_keeps_the_tasks_the_rules_took_from_a_plan_line():
    text = ("II. NỘI DUNG\n\n1. Rà soát thủ tục hành chính\n"
            "- Cơ quan thực hiện: Sở Nội vụ rà soát quy trình tiếp nhận hồ sơ; Ủy ban nhân dân các xã niêm yết "
            "công khai kết quả.\n- Thời gian thực hiện: Năm 2026.\n")
    rules = [(t.agency, t.task) for t in tasks(text, None)]
    assert "Ủy ban nhân dân các xã" in [agency for agency, _ in rules]
    assert [(t.agency, t.task) for t in tasks(text, KeepsTheRules())] == rules


def test_an_added_node_takes_its_ancestors_agency_or_the_body_its_sentence_names():
    rules = {t.task for t in tasks(HEADINGS, None)}
    added = {t.task.split(",")[0]: t.agency for t in tasks(HEADINGS, KeepsAll()) if t.task not in rules}
    assert added["Ghi nhận kết quả các đợt kiểm tra trước đây."] == "Sở Y tế"
    assert added["Trong thời hạn 05 ngày làm việc"] == "Sở Tài chính"


def test_thresholds_apply_to_the_rules_tasks_and_to_the_added_nodes_and_the_guard_keeps():
    scorer = model({"word_define": 10.0, "word_past": -10.0})  # 'là …' scores 1, 'đã …' scores 0, others 0.5
    node = Node(None, "plain")

    def candidate(rules, define=False, past=False, guarded=False):
        features = np.zeros(len(feature_names()))
        features[feature_names().index("word_define")] = define
        features[feature_names().index("word_past")] = past
        return Candidate(node, None, rules, None, 0, guarded, features)

    kept = scorer.keep([candidate(True), candidate(True, past=True), candidate(True, past=True, guarded=True),
                        candidate(False), candidate(False, define=True)])
    assert kept == [True, False, True, False, True]


def test_opening_words_skip_a_label_and_pair_the_first_three_words():
    assert opening_words("Sở Y tế: Chủ trì tổ chức kiểm tra") == {"chu", "tri", "to", "chu tri", "tri to"}
    scorer = model({"chu tri": 4.0}, vocabulary=["chu tri"])
    scores = scorer.scores(np.zeros((2, len(feature_names()))), [opening_words("Chủ trì kiểm tra"), set()])
    assert scores[0] > 0.95 and scores[1] == pytest.approx(0.5)


SENTENCES = """ỦY BAN NHÂN DÂN
TỈNH BẮC NINH
Số: 22/KH-UBND
KẾ HOẠCH
Phòng, chống dịch bệnh mùa mưa
II. NHIỆM VỤ
1. Sở Y tế:
a) Giám sát chặt chẽ tình hình dịch bệnh trên địa bàn. Trường hợp phát hiện ổ dịch mới thì báo cáo ngay Ủy ban nhân dân tỉnh.
b) Tổ chức tiêm chủng cho trẻ em; Sở Tài chính bố trí kinh phí mua vắc xin cho các đợt tiêm chủng.
"""


def test_a_later_sentence_is_a_candidate_of_its_own_subject_else_of_its_nodes_agency():
    rules = {t.task for t in tasks(SENTENCES, None)}
    found = {t.task: t.agency for t in tasks(SENTENCES, KeepsAll())}
    assert found["Trường hợp phát hiện ổ dịch mới thì báo cáo ngay Ủy ban nhân dân tỉnh."] == "Sở Y tế"
    assert found["Sở Tài chính bố trí kinh phí mua vắc xin cho các đợt tiêm chủng."] == "Sở Tài chính"
    # the node's own task now ends where the added sentence starts
    assert "Giám sát chặt chẽ tình hình dịch bệnh trên địa bàn." in found
    assert not any(text.startswith("Trường hợp") for text in rules)
    # a clause after "; " with a subject of its own is already the rules' task
    assert "Sở Tài chính bố trí kinh phí mua vắc xin cho các đợt tiêm chủng." in rules


def test_keeping_only_the_rules_candidates_leaves_the_later_sentences_out():
    assert [(t.agency, t.task) for t in tasks(SENTENCES, KeepsTheRules())] == \
        [(t.agency, t.task) for t in tasks(SENTENCES, None)]


def test_later_sentences_start_after_full_stops_and_after_semicolons_before_a_subject():
    body = "Rà soát hồ sơ của các đơn vị. Khi nhận được hồ sơ thì thẩm định ngay; bảo đảm đúng thời hạn; " \
           "Sở Nội vụ tổng hợp kết quả hằng quý. Xong."

    def named(node):
        subject = node.body.startswith("Sở Nội vụ")
        return (["Sở Nội vụ"], 0, "subject") if subject else (None, 0, None)

    node = Node(Block(body, 1, 1, 1, body=body), "plain")
    cuts = later_sentences(body, named, node)
    assert [body[cut:].split()[0] for cut in cuts] == ["Khi", "Sở"]  # "Xong." is too short to be a task


class Captures:
    """Keeps no candidate, remembering them all."""

    def __init__(self):
        self.candidates = []

    def keep(self, candidates):
        self.candidates.extend(candidates)
        return [False] * len(candidates)


def test_a_later_sentence_opening_with_a_case_or_a_time_is_marked_as_a_condition():
    captures = Captures()
    tasks(SENTENCES, captures)
    captured = captures.candidates
    condition = feature_names().index("condition")
    sentence = feature_names().index("sentence")
    later = {c.text.split()[0]: c.features for c in captured if c.features[sentence]}
    assert later["Trường"][condition] == 1 and "Sở" not in later  # the clause after "; " is the rules' own task


REGULATION = """ỦY BAN NHÂN DÂN
TỈNH BẮC NINH
Số: 23/2025/QĐ-UBND
QUYẾT ĐỊNH
Ban hành Quy định đánh giá cán bộ
Điều 1. Ban hành kèm theo Quyết định này Quy định đánh giá cán bộ.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
QUY ĐỊNH
Đánh giá cán bộ
Điều 1. Tiêu chí đánh giá
1. Chấp hành nghiêm kỷ luật, kỷ cương hành chính của cơ quan.
2. Ghi rõ họ và tên người được đánh giá: ................................
Điều 2. Quyền của cán bộ được đánh giá
1. Kiến nghị về kết quả đánh giá với người đứng đầu cơ quan.
Điều 3. Nguyên tắc đánh giá
1. Bảo đảm khách quan, công khai, đúng thẩm quyền.
Điều 4. Trách nhiệm của Sở Nội vụ
1. Hướng dẫn, kiểm tra việc đánh giá cán bộ hằng năm.
"""


def test_an_articles_title_says_whether_it_lays_down_criteria_powers_or_principles_and_whose_duties_follow():
    captures = Captures()
    with using(captures):
        extract_text(REGULATION, source_file="qd.txt")
    names = feature_names()
    by_text = {c.text.split(":")[0]: c.features for c in captures.candidates}
    kinds = ("article_criteria", "article_powers", "article_purpose", "inherited_doer", "blanks")

    def marks(opening):
        features = next(f for text, f in by_text.items() if text.startswith(opening))
        return [int(features[names.index(kind)]) for kind in kinds]

    assert marks("Chấp hành") == [1, 0, 0, 0, 0]
    assert marks("Ghi rõ") == [1, 0, 0, 0, 1]
    assert marks("Kiến nghị") == [0, 1, 0, 0, 0]
    assert marks("Bảo đảm") == [0, 0, 1, 0, 0]
    assert marks("Hướng dẫn") == [0, 0, 0, 1, 0]
