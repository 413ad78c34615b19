"""bench.ocr: faces outside the tuning styles scored apart."""

import pytest

from bench import ocr


@pytest.mark.parametrize("face", ["DejaVu Serif", "Carlito", "No Such Face"])
def test_only_faces_outside_the_tuning_styles_are_rendered(face: str) -> None:
    with pytest.raises(SystemExit, match=face):
        ocr.face_pages(["TeX Gyre Cursor", face], documents=1, draws=1)


def test_the_face_table_gives_each_face_its_median_page_and_error_classes() -> None:
    pages = [
        ocr.BenchPage(ocr.Path(f"{n}.png"), 150, "một hai ba bốn", "face scan 150 dpi", face)
        for n, face in enumerate(["Noto Serif", "Noto Serif", "Noto Serif", "TeX Gyre Cursor"])
    ]
    raw = ["một hai ba bốn", "một hai ba bôn", "mot hai", "một hai ba bốn"]
    restored = ["một hai ba bốn", "một hai ba bốn", "một hai", "một hai ba bốn"]
    rows = ocr.face_table(pages, {"ccn raw": raw, "ccn restored": restored}).splitlines()
    noto = next(row for row in rows if "Noto Serif" in row)
    assert "| 3 |" in noto and "| 100.00% |" in noto  # the median page, not the pooled 83.33%
    assert noto.endswith("| 1 → 0 | 1 → 0 | 0 → 0 | 0 → 0 | 2 → 2 |")  # tone, vowel mark, letters, merged, missing
