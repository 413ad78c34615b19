import json

import pytest

from ccn_docs.errors import InputError
from ccn_docs.extract.evaluate import (DOCUMENT_FIELDS, GOLD, OPENING_CHARS, PROJECT, Report, evaluate, field_outcome,
                                       gold_files, opening, pair_tasks, ref_key, score_document)
from ccn_docs.types import Directive, Task

from .extract_fixtures import CONG_VAN


def test_opening_drops_marker_label_case_and_diacritics():
    assert opening("- Sở Tư pháp: Tích cực phối hợp với Sở Công Thương") == "tich cuc phoi hop voi so cong thuong"
    assert opening("2.1. Về thi công: chỉ đạo Ban Quản lý dự án") == "chi dao ban quan ly du an"
    assert len(opening("Chủ trì " * 20)) == OPENING_CHARS


def test_ref_key_ignores_diacritics_and_spacing():
    assert ref_key({"number": "32/2024/NĐ-CP"}) == ref_key({"number": "32/2024/ND- CP"}) == "32/2024/ND-CP"
    assert ref_key({"number": None, "text": "Điều 5 Luật Đất đai"}) == "luat dat dai"


def gold_file(tmp_path, tasks):
    corpus = tmp_path / "corpus"
    (corpus / "admin").mkdir(parents=True)
    (corpus / "admin" / "cv.txt").write_text(CONG_VAN, encoding="utf-8")
    path = tmp_path / "cv.json"
    path.write_text(json.dumps({"source_file": "admin/cv.txt", "document": {}, "tasks": tasks}, ensure_ascii=False),
                    encoding="utf-8")
    return path, corpus


def test_scores_tasks_agencies_and_references(tmp_path):
    tasks = [
        {"agency": "Sở Công Thương", "task": "Chu tri, phoi hop voi So Tai chinh, So Xay dung ra soat quy hoach",
         "legal_refs": []},
        {"agency": "Sở Công Thương", "task": "Hằng tháng, tổng hợp tình hình kinh doanh tại các chợ",
         "legal_refs": [{"text": "Nghị định 60", "number": "60/2024/NĐ-CP"}, {"text": "x", "number": "1/2020/TT-BCT"}]},
        {"agency": "Sở TC", "task": "Bố trí kinh phí thực hiện theo quy định", "legal_refs": []},
        {"agency": "UBND tỉnh", "task": "Một nhiệm vụ mà văn bản không có", "legal_refs": []},
    ]
    path, corpus = gold_file(tmp_path, tasks)
    report = evaluate([path], corpus)
    assert (report.tasks.true_positives, report.tasks.predicted, report.tasks.gold) == (3, 6, 4)
    assert report.agency_accuracy == pytest.approx(2 / 3)  # "Sở TC" is not the gazetteer's Sở Tài chính
    assert (report.refs.true_positives, report.refs.predicted, report.refs.gold) == (1, 2, 2)
    assert "| cv.json | 4/6 |" in report.to_markdown()
    assert "| *?* (1) | 4/6 |" in report.to_markdown()  # the gold names no document type


def test_report_groups_documents_by_genre(tmp_path):
    path, corpus = gold_file(tmp_path, [{"agency": "Sở Nội vụ", "task": "Giao Sở Nội vụ chủ trì hướng dẫn sắp xếp ban quản lý chợ.", "legal_refs": []}])
    data = json.loads(path.read_text(encoding="utf-8"))
    data["document"]["type"] = "Công văn"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    report = evaluate([path, path], corpus)
    genres = report.by_genre()
    assert list(genres) == ["Công văn"] and genres["Công văn"].tasks.gold == 2
    assert "documents" not in report.to_dict(per_document=False)
    assert report.to_dict()["genres"]["Công văn"]["task_recall"] == 1.0


def test_a_body_of_the_issuing_locality_is_the_same_with_or_without_the_place_name(tmp_path):
    task = {"agency": "Công an tỉnh Hà Nam", "task": "Định kỳ kiểm tra công tác phòng cháy, chữa cháy tại các chợ",
            "legal_refs": []}
    path, corpus = gold_file(tmp_path, [task])
    assert evaluate([path], corpus).agency_accuracy == 0.0  # the text says "Công an tỉnh"; no issuer, no locality
    data = json.loads(path.read_text(encoding="utf-8"))
    data["document"]["issuer"] = "Ủy ban nhân dân tỉnh Hà Nam"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert evaluate([path], corpus).agency_accuracy == 1.0
    data["document"]["issuer"] = "Ủy ban nhân dân tỉnh Ninh Bình"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert evaluate([path], corpus).agency_accuracy == 0.0


def test_invalid_gold_is_a_clear_error(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"tasks": 3}', encoding="utf-8")
    with pytest.raises(InputError, match="bad.json"):
        evaluate([path], tmp_path)


def test_one_duty_given_to_several_bodies_pairs_each_body_with_its_own():
    duty = "Chủ trì, phối hợp với các đơn vị liên quan tổ chức triển khai thực hiện Kế hoạch"
    gold = {"document": {}, "tasks": [{"agency": "Sở Tài chính", "task": duty, "legal_refs": []},
                                      {"agency": "Sở Nội vụ", "task": duty, "legal_refs": []}]}
    predicted = Directive("kh.txt", tasks=[Task("1", "Sở Nội vụ", duty), Task("2", "Sở Tài chính", duty)])
    score = score_document(gold, predicted, "kh.json")
    assert (score.tasks.true_positives, score.agencies_right, score.agencies_compared) == (2, 2, 2)


def test_pairing_keeps_the_most_pairs_then_the_most_similar_then_agreeing_agencies():
    same = lambda i, j: (i, j) == (0, 1)  # noqa: E731
    first, second = "x" * 20 + "y" * 20, "x" * 20 + "y" * 16 + "zzzz"
    # The first is most like the first prediction, but pairing it there would leave the second without a pair.
    assert pair_tasks([first, second], [first, "x" * 18 + "ww" + "y" * 20], same) == {0: 1, 1: 0}
    assert pair_tasks(["a" * 40, "a" * 40], ["a" * 40, "a" * 40], same) == {0: 1, 1: 0}
    assert pair_tasks(["a" * 40, "b" * 40], ["a" * 38 + "bb"], same) == {0: 0}
    assert pair_tasks(["a" * 40], ["b" * 40], same) == {} == pair_tasks([], ["b" * 40], same)


def test_no_sealed_document_is_also_open_gold_or_a_training_annotation():
    # A document annotated in the open gold has had rules written on it: it cannot judge them blind.
    def sources(paths):
        return {json.loads(path.read_text(encoding="utf-8"))["source_file"] for path in paths}

    open_files = [*gold_files(), *(GOLD / "readers").glob("*/*.json"), *(PROJECT / "corpus" / "annotations").rglob("*.json")]
    assert not sources(gold_files(blind=True)) & sources(open_files)


def test_document_fields_are_compared_by_their_keys():
    assert field_outcome("number", "32/2024/NĐ-CP", "32/2024/ND- CP") == "right"
    assert field_outcome("number", "32/2024/NĐ-CP", "32/2024/NĐ") == "wrong"
    assert field_outcome("date", "2025-06-30", " 2025-06-30") == "right"
    assert field_outcome("date", "2025-06-30", "2025-02-18") == "wrong"
    assert field_outcome("issuer", "Ủy ban nhân dân tỉnh Hà Nam", "UBND tỉnh Hà Nam") == "right"
    assert field_outcome("subject", "ban hành Quy chế", "BAN HANH QUY CHE.") == "right"
    assert field_outcome("signer", "Lê Hải Hòa", "LÊ  HẢI HÒA") == "right"
    assert field_outcome("signer", "Lê Hải Hòa", "Le Hai Hoa") == "wrong"  # diacritics make the name
    assert field_outcome("signer_title", "TM. UỶ BAN NHÂN DÂN", "TM. ỦY BAN NHÂN DÂN") == "right"  # the tone's place
    assert field_outcome("signer", "Lê Hải Hoà", "Lê Hải Hòa") == "right"
    assert field_outcome("legal_bases", [{"number": "32/2024/NĐ-CP"}], [{"number": "32/2024/ND-CP", "text": "x"}]) == "right"
    assert field_outcome("distribution", ["Như trên", "Lưu: VT"], ["Lưu: VT.", "như trên"]) == "right"


def test_an_empty_prediction_is_null_and_a_value_the_gold_lacks_is_wrong():
    assert field_outcome("number", "2029/UBND-KTTH", None) == "null"
    assert field_outcome("recipients", ["Sở Y tế"], []) == "null"
    assert field_outcome("date", None, "2020-06-30") == "wrong"
    assert field_outcome("signer", None, None) == field_outcome("recipients", [], []) == "right"


def test_document_fields_are_counted_right_wrong_and_null_per_genre_and_overall():
    gold = {"document": {"type": "Quyết định", "number": "12/QĐ-UBND", "date": "2025-01-02",
                         "subject": "ban hành Quy chế làm việc", "signer": "Lê Hải Hòa"}, "tasks": []}
    run_on = Directive("qd.txt", type="Quyết định", number="12/QĐ-UBND", date="2025-02-01",
                       subject="BAN HÀNH QUY CHẾ LÀM VIỆC ỦY BAN NHÂN DÂN TỈNH")
    exact = Directive("qd.txt", type="Quyết định", number="12/QĐ-UBND", date="2025-01-02",
                      subject="ban hành quy chế làm việc", signer="Lê Hải Hòa")
    report = Report([score_document(gold, run_on, "a.json"), score_document(gold, exact, "b.json")])
    assert report.field_counts("number") == {"right": 2, "wrong": 0, "null": 0}
    assert report.field_counts("date") == {"right": 1, "wrong": 1, "null": 0}
    assert report.field_counts("signer") == {"right": 1, "wrong": 0, "null": 1}
    assert report.field_accuracy("subject") == 0.5
    assert report.subject_tokens.recall == 1.0 and report.subject_tokens.precision == pytest.approx(12 / 17)
    row = report.to_dict()["genres"]["Quyết định"]
    assert row["fields"]["signer"] == {"right": 1, "wrong": 0, "null": 1, "accuracy": 0.5}
    assert ("date", "2025-01-02", "2025-02-01") in report.documents[0].field_errors


def test_field_tables_show_documents_only_when_asked():
    gold = {"document": {"type": "Công văn", "number": "5/UBND"}, "tasks": []}
    report = Report([score_document(gold, Directive("cv.txt", type="Công văn"), "cv.json")])
    marks = ["∅" if name == "number" else "✓" for name in DOCUMENT_FIELDS]
    assert f"| cv.json | {' | '.join(marks)} | 1.000 |" in report.to_markdown()
    assert "| number | 0 | 0 | 1 | 0.000 |" in report.to_markdown()
    blind = report.to_markdown(per_document=False)
    assert "cv.json" not in blind and "| number | 0 | 0 | 1 | 0.000 |" in blind
    assert "5/UBND" not in json.dumps(report.to_dict(per_document=False))
