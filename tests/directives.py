"""Directives built in code for the store tests (no OCR, restoration or extraction)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ccn_docs.store import DocumentRecord, LineView, PageView
from ccn_docs.types import Directive, LegalRef, SourceSpan, Task

ND32 = LegalRef(text="Nghị định số 32/2024/NĐ-CP ngày 15/3/2024 của Chính phủ", type="Nghị định", number="32/2024/NĐ-CP", year=2024, issuer_code="NĐ-CP")
ND132 = LegalRef(text="Nghị định số 132/2024/NĐ-CP", type="Nghị định", number="132/2024/NĐ-CP", year=2024, issuer_code="NĐ-CP")
LUAT = LegalRef(text="Luật Đất đai năm 2024", type="Luật")


def industry_directive(source: str = "cong-van-2029.txt") -> Directive:
    return Directive(
        source_file=source,
        issuer="Ủy ban nhân dân tỉnh Bắc Giang",
        number="2029/UBND-KTTH",
        date="2024-04-22",
        type="Công văn",
        subject="tăng cường quản lý cụm công nghiệp",
        tasks=[
            Task(id="1", agency="Sở Tài chính", task="Chủ trì tham mưu bố trí vốn đầu tư hạ tầng cụm công nghiệp",
                 co_agencies=["Sở KH&ĐT"], legal_refs=[ND32], deadline="2024-06-30", source=SourceSpan(source, 1, 2, 3)),
            Task(id="2", agency="Sở Tư pháp", task="Thẩm định văn bản quy phạm pháp luật về đất đai", legal_refs=[LUAT],
                 source=SourceSpan(source, 1, 4, 4)),
            Task(id="3", agency=["Sở Tài Chính", "UBND các huyện"], task="Đôn đốc giải ngân vốn đầu tư công",
                 co_agencies=["Sở Tư pháp"], source=SourceSpan(source, 1, 5, 5)),
        ],
    )


def land_directive(source: str = "chi-thi-05.txt") -> Directive:
    return Directive(
        source_file=source,
        issuer="Ủy ban nhân dân tỉnh Lạng Sơn",
        number="05/CT-UBND",
        date="2025-01-10",
        type="Chỉ thị",
        tasks=[
            Task(id="1", agency="Sở Tài nguyên và Môi trường", task="Rà soát quỹ đất sạch phục vụ đầu tư", legal_refs=[ND132]),
            Task(id="2", agency="UBND tỉnh", task="Chỉ đạo các sở phối hợp thực hiện Nghị định 32/2024/NĐ-CP", legal_refs=[ND32]),
        ],
    )


def content_hash(directive: Directive, version: str = "v1") -> str:
    """SHA-256 standing for the bytes of ``version`` of the directive's input file."""
    return hashlib.sha256(f"{directive.source_file} {version}".encode("utf-8")).hexdigest()


def record(directive: Directive, folder: Path, version: str = "v1", model_version: str = "1+test") -> DocumentRecord:
    lines = [LineView([("Sở", 95.0), ("Tài", 41.0), ("chính", 88.0)]), LineView([("chủ", 90.0), ("trì", 90.0)])]
    return DocumentRecord(
        directive=directive,
        path=(folder / directive.source_file).resolve(),
        content_hash=content_hash(directive, version),
        model_version=model_version,
        kind="text",
        text="\n".join(line.text for line in lines),
        pages=[PageView(number=1, lines=lines)],
    )


# A directive as text, for the main job's tests (restoration and extraction run on it).
HEADER = ("ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\nSố: 118/UBND-KT", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nBắc Ninh, ngày 12 tháng 3 năm 2025")
BODY = [
    "V/v triển khai Nghị định số 32/2024/NĐ-CP về quản lý cụm công nghiệp",
    "Căn cứ Nghị định số 32/2024/NĐ-CP ngày 15/3/2024 của Chính phủ về quản lý, phát triển cụm công nghiệp;",
    "Ủy ban nhân dân tỉnh yêu cầu các cơ quan, đơn vị thực hiện một số nội dung sau:",
    "1. Sở Tài chính chủ trì, phối hợp với Sở Kế hoạch và Đầu tư tham mưu bố trí vốn đầu tư hạ tầng cụm công nghiệp, hoàn thành trước ngày 30/6/2025.",
    "2. Sở Tư pháp thẩm định các văn bản quy phạm pháp luật liên quan theo Nghị định số 32/2024/NĐ-CP.",
    "Nơi nhận: Như trên; Lưu: VT.",
    "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn Bình",
]


def directive_text(number: str = "118/UBND-KT", extra: str = "") -> str:
    left, right = HEADER
    return "\n".join([left.replace("118/UBND-KT", number), right, *BODY[:5], *([extra] if extra else []), *BODY[5:]]) + "\n"
