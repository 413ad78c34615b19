from ccn_docs.types import Directive, LegalRef, Line, Page, RestoredToken, SourceSpan, Task, Word


def sample_page() -> Page:
    word = Word("Nghị", (10, 20, 60, 40), 91.5, [[("N", 0.99)], [("g", 0.9), ("q", 0.1)]])
    return Page("scan.png", 1, 1654, 2339, 200, [Line([word], (10, 20, 60, 40), kind="footnote")], 1.5)


def test_page_round_trips_through_json_with_tuples_and_choices():
    page = sample_page()
    revived = Page.from_json(page.to_json())
    assert revived == page
    assert isinstance(revived.lines[0].words[0].bbox, tuple)
    assert revived.lines[0].words[0].choices[1][1] == ("q", 0.1)
    assert revived.text == "Nghị"


def test_directive_output_shape_round_trips():
    task = Task(
        id="t-1",
        agency=["Sở Thông tin và Truyền thông", "Báo Bắc Giang"],
        task="Phối hợp tuyên truyền",
        co_agencies=["Sở Công Thương"],
        legal_refs=[LegalRef("Nghị định số 32/2024/NĐ-CP", type="Nghị định", number="32/2024/NĐ-CP", year=2024)],
        source=SourceSpan("a.txt", 1, 3, 5),
    )
    directive = Directive("a.txt", number="2029/UBND-KTTH", tasks=[task])
    output = directive.to_output()
    assert set(output) == {"document", "tasks"}
    assert "tasks" not in output["document"]
    assert Directive.from_output(output) == directive


def test_single_agency_string_survives():
    task = Task(id="t", agency="Sở Tài chính", task="x")
    assert Task.from_json(task.to_json()).agency == "Sở Tài chính"


def test_restored_token_alternatives_are_tuples():
    token = RestoredToken("ciia", "của", 0.93, [("cửa", 0.05)])
    assert RestoredToken.from_json(token.to_json()) == token
