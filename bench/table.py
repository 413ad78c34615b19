"""Benchmark of the task table: loading a million tasks, and searching them.

Loads 1,000,000 generated tasks over 50,000 directives, then times agency,
reference and full-text searches, in process and through ``ccn serve`` over HTTP
(the search page with its facets, and the JSON API).

Run with ``make bench-table`` (``python -m bench.table [--tasks N --documents M]``).
Prints a Markdown table and writes it to ``bench/out/table.md``.

The generator composes directives the way provincial ones read: departments
("Sở Tài chính", "Sở TN&MT", "UBND huyện …") written in full, abbreviated or in
capitals; tasks built from administrative verb and object phrases; citations of
decrees, decisions and circulars with realistic numbers; deadlines with their
dates, some recurring. Nothing comes from the corpus. Peers measured in the same
run: the same questions answered without the store's indexes (a LIKE scan over the
task table, and pandas over a DataFrame), and over HTTP Datasette's own table page
(its search box and facets over the same table).

Last, ``ccn run`` on a few degraded scans of dev-split directives measures the time
restoration, extraction and loading add to OCR.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import os
import random
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path
from urllib.parse import urlencode

from ccn_docs import load_tasks
from ccn_docs.store import DocumentRecord, Loader, SearchQuery, connect, search_tasks
from ccn_docs.store.agencies import agency_key, initialism
from ccn_docs.types import Directive, LegalRef, Task
from ccn_docs.vietnamese import fold

OUT = Path(__file__).resolve().parent / "out"
SEED = 20240422
BATCH = 500  # documents per transaction
CHUNK = 10 * BATCH  # documents generated ahead of each timed load() call

DEPARTMENTS = [
    ("Sở Tài chính", None), ("Sở Tư pháp", None), ("Sở Kế hoạch và Đầu tư", "Sở KH&ĐT"),
    ("Sở Tài nguyên và Môi trường", "Sở TN&MT"), ("Sở Nông nghiệp và Phát triển nông thôn", "Sở NN&PTNT"),
    ("Sở Giáo dục và Đào tạo", "Sở GD&ĐT"), ("Sở Lao động - Thương binh và Xã hội", "Sở LĐ-TB&XH"),
    ("Sở Văn hóa, Thể thao và Du lịch", "Sở VHTT&DL"), ("Sở Khoa học và Công nghệ", "Sở KH&CN"),
    ("Sở Thông tin và Truyền thông", "Sở TT&TT"), ("Sở Giao thông vận tải", "Sở GTVT"), ("Sở Y tế", None),
    ("Sở Xây dựng", None), ("Sở Công Thương", None), ("Sở Nội vụ", None), ("Sở Ngoại vụ", None),
    ("Thanh tra tỉnh", None), ("Công an tỉnh", None), ("Bộ Chỉ huy Quân sự tỉnh", None), ("Cục Thuế tỉnh", None),
    ("Kho bạc Nhà nước tỉnh", "KBNN tỉnh"), ("Bảo hiểm xã hội tỉnh", "BHXH tỉnh"), ("Văn phòng UBND tỉnh", None),
    ("Ban Quản lý các khu công nghiệp", None), ("Đài Phát thanh và Truyền hình tỉnh", None),
    ("Ủy ban nhân dân tỉnh", "UBND tỉnh"), ("Hội đồng nhân dân tỉnh", "HĐND tỉnh"),
]
PLACE_SYLLABLES = (
    "An Bình Cao Châu Đông Đức Giang Hà Hải Hòa Hưng Khánh Lạc Lâm Long Minh Nam Ninh Phong Phú Phước "
    "Quang Sơn Tân Thanh Thạch Thái Thành Thuận Tiên Trà Trung Vĩnh Xuân Yên Bắc Mỹ Kim Lộc Gia Hoàng"
).split()
VERBS = [
    "chủ trì tham mưu", "tổ chức triển khai", "hướng dẫn thực hiện", "kiểm tra, giám sát", "rà soát, đánh giá",
    "đôn đốc thực hiện", "xây dựng kế hoạch", "tổng hợp, báo cáo", "thẩm định", "bố trí kinh phí cho",
    "đẩy nhanh tiến độ", "tuyên truyền, phổ biến", "cải cách thủ tục hành chính về", "giải quyết kiến nghị về",
]
OBJECTS = [
    "đầu tư xây dựng hạ tầng cụm công nghiệp", "giải ngân vốn đầu tư công", "quản lý đất đai", "bồi thường, giải phóng mặt bằng",
    "chuyển đổi số", "phòng, chống thiên tai", "bảo vệ môi trường", "an toàn thực phẩm", "phòng cháy, chữa cháy",
    "cấp giấy chứng nhận quyền sử dụng đất", "thu ngân sách nhà nước", "xây dựng nông thôn mới", "giảm nghèo bền vững",
    "phát triển du lịch", "quản lý khoáng sản", "an toàn giao thông", "chương trình mục tiêu quốc gia", "dịch vụ công trực tuyến",
    "tinh giản biên chế", "quy hoạch sử dụng đất", "phát triển doanh nghiệp", "y tế cơ sở", "giáo dục nghề nghiệp",
]
TAILS = ["trên địa bàn tỉnh", "theo quy định", "đúng tiến độ", "kịp thời", ""]
REF_KINDS = [("Nghị định", "NĐ-CP"), ("Quyết định", "QĐ-TTg"), ("Thông tư", "TT-BTC"), ("Chỉ thị", "CT-TTg"), ("Luật", "QH15"), ("Quyết định", "QĐ-UBND")]
TYPES = ["Công văn", "Chỉ thị", "Kế hoạch", "Quyết định", "Thông báo"]


class Generator:
    """Seeded directives with a realistic spread of agencies, references and text."""

    def __init__(self, seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        self.districts = sorted({f"UBND huyện {self.rng.choice(PLACE_SYLLABLES)} {self.rng.choice(PLACE_SYLLABLES)}" for _ in range(1500)})
        self.refs = [self._ref() for _ in range(20000)]

    def _ref(self) -> LegalRef:
        kind, code = self.rng.choice(REF_KINDS)
        year = self.rng.randint(2012, 2025)
        number = f"{self.rng.randint(1, 400)}/{year}/{code}"
        return LegalRef(text=f"{kind} số {number}", type=kind, number=number, year=year, issuer_code=code)

    def agency(self) -> str:
        if self.rng.random() < 0.3:
            return self.rng.choice(self.districts)
        full, short = self.rng.choice(DEPARTMENTS)
        roll = self.rng.random()
        if short and roll < 0.35:
            return short
        return full.upper() if roll > 0.95 else full

    def task(self, number: int) -> Task:
        rng = self.rng
        co = [self.agency() for _ in range(rng.choice([0, 0, 1, 1, 2, 3]))]
        text = f"{rng.choice(VERBS).capitalize()} {rng.choice(OBJECTS)} {rng.choice(TAILS)}".strip()
        if co:
            text += f"; phối hợp với {', '.join(co)}"
        refs = rng.sample(self.refs, rng.choice([0, 0, 1, 1, 2]))
        if refs:
            text += f" theo {refs[0].text}"
        task = Task(id=str(number), agency=self.agency(), task=text, co_agencies=co, legal_refs=refs)
        roll = rng.random()
        if roll < 0.4:  # a dated deadline, as written and as the date it means
            day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2019, 2027)
            task.deadline, task.due_date = f"trước ngày {day}/{month}/{year}", f"{year}-{month:02d}-{day:02d}"
        elif roll < 0.5:
            task.deadline, task.recurrence, task.rrule = "trước ngày 15 hằng tháng", "hằng tháng", "FREQ=MONTHLY;BYMONTHDAY=15"
        if task.deadline:
            task.task += f", hoàn thành {task.deadline}"
        task.task += "."
        return task

    def records(self, documents: int, tasks: int, folder: Path):
        """``documents`` records holding ``tasks`` tasks in all (5–35 per document)."""
        per_document = tasks / documents
        made = 0
        for index in range(documents):
            count = round(per_document * (index + 1)) - made
            made += count
            year = self.rng.randint(2019, 2025)
            directive = Directive(
                source_file=f"doc-{index:06d}.pdf",
                issuer=f"Ủy ban nhân dân tỉnh {self.rng.choice(PLACE_SYLLABLES)} {self.rng.choice(PLACE_SYLLABLES)}",
                number=f"{self.rng.randint(1, 5000)}/UBND-{self.rng.choice(['KTTH', 'NC', 'VX', 'KT', 'TH'])}",
                date=f"{year}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}",
                type=self.rng.choice(TYPES),
                tasks=[self.task(n) for n in range(1, count + 1)],
            )
            yield DocumentRecord(
                directive=directive, path=folder / directive.source_file,
                content_hash=hashlib.sha256(directive.source_file.encode()).hexdigest(),
                model_version="bench", kind="scan", text="",
            )


def run_overhead(pages: int, folder: Path, corpus: Path) -> list[str]:
    """``ccn run`` on degraded scans of dev-split directives: time beyond OCR."""
    from ccn_docs.run.job import run_inputs
    from ccn_docs.synth import Degradation, degrade, paginate, render

    dev = (Path(__file__).resolve().parent.parent / "corpus" / "splits" / "dev.txt").read_text(encoding="utf-8").split()
    scans = folder / "scans"
    scans.mkdir()
    made = 0
    for name in dev:
        if made >= pages:
            break
        paragraphs = [line.strip() for line in (corpus / "admin" / name).read_text(encoding="utf-8").splitlines() if line.strip()]
        spec = paginate(paragraphs, 200)[0]
        degrade(render(spec, 200), Degradation.archive(made), made).save(scans / f"{Path(name).stem}.png", dpi=(200, 200))
        made += 1
    summary = run_inputs([scans], db=folder / "run.db", jobs=2, progress=False)
    return [
        "",
        f"| `ccn run` on {summary.pages} degraded 200-dpi scans of dev-split directives (`--jobs 2`) | seconds |",
        "| --- | --- |",
        f"| OCR (worker time) | {summary.ocr_seconds:.1f} |",
        f"| restore + extract + load | {summary.scan_extra_seconds:.1f} ({summary.overhead:.1%} of OCR; target ≤ 15%) |",
        f"| model loading, once per worker (not counted) | {summary.startup_seconds:.1f} |",
        f"| wall time | {summary.seconds:.1f} |",
    ]


class Server:
    """``ccn serve`` over the benchmark database in its own process, asked over one
    kept-alive HTTP connection the way a browser asks."""

    def __init__(self, db_path: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.process = subprocess.Popen(
            [sys.executable, "-m", "ccn_docs", "serve", "--db", str(db_path), "--port", str(self.port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 120
        while True:
            try:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
                self.get("/-/versions.json")
                break
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"ccn serve did not start: {self.process.stderr.read().decode()[-2000:]}")
                time.sleep(0.3)

    def get(self, path: str) -> bytes:
        self.connection.request("GET", path)
        response = self.connection.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"{path}: HTTP {response.status}")
        return body

    def timed(self, paths: list[str]) -> list[float]:
        return timed(self.get, paths)

    def close(self) -> None:
        self.connection.close()
        self.process.terminate()
        self.process.wait(timeout=30)


def http_searches(db_path: Path, generator: "Generator", count: int) -> list[str]:
    """The home page's search (HTML with every facet) and the JSON API through
    ``ccn serve``; Datasette's own table page over the same table as the peer."""
    rng = random.Random(SEED + 2)
    names = [full for full, _ in DEPARTMENTS] + generator.districts[:200]
    folded = [fold(rng.choice(names)).lower() for _ in range(count)]
    words = sorted({w for phrase in OBJECTS + VERBS for w in fold(phrase).lower().replace(",", "").split()})
    phrases = [" ".join(rng.sample(words, rng.choice([1, 2]))) for _ in range(count)]
    numbers = ["/".join(rng.choice(generator.refs).number.split("/")[:2]) for _ in range(count)]
    initials = [initialism(agency_key(rng.choice(DEPARTMENTS)[0])).upper() for _ in range(count)]
    issuers = [f"Ủy ban nhân dân tỉnh {rng.choice(PLACE_SYLLABLES)} {rng.choice(PLACE_SYLLABLES)}" for _ in range(count)]

    def home(**args: str) -> str:
        return "/?" + urlencode(args)

    kinds = {
        "agency, folded (`/?q=so tai chinh`)": [home(q=name) for name in folded],
        "agency with a typo (`/?q=so tai chin`)": [home(q=name[:-1]) for name in folded],
        "agency initialism (`/?q=STC`)": [home(q=short) for short in initials],
        "reference number (`/?q=32/2024`)": [home(q=number) for number in numbers],
        "words (`/?q=quy hoach`)": [home(q=phrase) for phrase in phrases],
        "agency and words (`/?q=so tai chinh quy hoach`)": [home(q=f"{name} {phrase}") for name, phrase in zip(folded, phrases)],
        "agency, a facet chosen (`&deadline=overdue`)": [home(q=name, deadline="overdue") for name in folded],
        "agency, tasks due within 30 days (`&deadline=soon`)": [home(q=name, deadline="soon") for name in folded],
        "one facet from the first page (`/?issuer=…`, `/?year=…`, `/?deadline=soon`, `/?status=done`)": [
            home(**rng.choice([{"issuer": issuer}, {"year": str(rng.randint(2019, 2025))}, {"deadline": "soon"}, {"status": "done"}]))
            for issuer in issuers],
        "JSON API (`/tasks.json?agency=…&limit=100`)": ["/tasks.json?" + urlencode({"agency": name, "limit": 100}) for name in folded],
    }
    peer = [f"/{db_path.stem}/tasks?" + urlencode({"_search": phrase}) for phrase in phrases[: max(10, count // 10)]]
    server = Server(db_path)
    try:
        server.timed([home(q="so tai chinh"), home(q="dau tu"), peer[0]] * 3)  # warm up
        times = {label: server.timed(paths) for label, paths in kinds.items()}
        peer_times = server.timed(peer)
    finally:
        server.close()
    everything = [t for values in times.values() for t in values]
    lines = ["", "| search through HTTP, facets included | p50 | p95 | max |", "| --- | --- | --- | --- |"]
    lines += [f"| {label} | {statistics.median(v):.1f} ms | {p95(v):.1f} ms | {max(v):.1f} ms |" for label, v in times.items()]
    lines += [
        f"| **every search above** | **{statistics.median(everything):.1f} ms** | **{p95(everything):.1f} ms** (target ≤ 100 ms) | {max(everything):.1f} ms |",
        f"| peer: Datasette's table page, search box and its facets (`/{db_path.stem}/tasks?_search=quy+hoach`) | "
        f"{statistics.median(peer_times):.1f} ms | {p95(peer_times):.1f} ms | {max(peer_times):.1f} ms |",
        "",
        f"{count} requests per kind ({len(peer)} for the peer) over one kept-alive connection, the whole page read; "
        "the server is `ccn serve` in its own process.",
    ]
    return lines


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class LoadClock:
    """Wall and CPU seconds of the loader alone: it runs on chunks of records the
    generator made beforehand, outside the clock."""

    def __init__(self) -> None:
        self.wall = self.cpu = 0.0
        self._start = self._cpu_start = 0.0

    def start(self) -> None:
        self._start, self._cpu_start = time.perf_counter(), _cpu()

    def stop(self) -> None:
        self.wall += time.perf_counter() - self._start
        self.cpu += _cpu() - self._cpu_start


def timed(function, queries) -> list[float]:
    times = []
    for query in queries:
        start = time.perf_counter()
        function(query)
        times.append((time.perf_counter() - start) * 1000)
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 20 else max(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=1_000_000)
    parser.add_argument("--documents", type=int, default=50_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--keep", type=Path, help="keep the generated database at this path")
    parser.add_argument("--scans", type=int, default=4, help="pages for the ccn run overhead measurement (0: skip)")
    parser.add_argument("--http-queries", type=int, default=100, help="HTTP requests per kind of search (0: skip)")
    parser.add_argument("--http-only", action="store_true", help="only the HTTP searches, on the database --keep names")
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parent.parent.parent / "shared" / "corpus")
    args = parser.parse_args()

    if args.http_only:
        if not args.keep or not args.keep.exists():
            parser.error("--http-only needs the database of an earlier run: --keep PATH")
        print("\n".join(http_searches(args.keep, Generator(), args.http_queries)))
        return
    with tempfile.TemporaryDirectory(prefix="ccn-bench-table-") as folder:
        measure(args, Path(folder), args.keep or Path(folder) / "bench.db")


def measure(args: argparse.Namespace, folder: Path, db_path: Path) -> None:
    db_path.unlink(missing_ok=True)
    generator = Generator()
    db = connect(db_path)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    loader = Loader(db)
    clock = LoadClock()
    loaded = 0
    records = generator.records(args.documents, args.tasks, folder)
    start = time.perf_counter()
    # A bulk load into the empty database: leaving the block builds the search
    # indexes, on the clock like the final WAL checkpoint.
    with loader.bulk():
        while chunk := list(islice(records, CHUNK)):
            clock.start()
            loaded += loader.load(chunk, batch_size=BATCH)
            clock.stop()
        clock.start()
        index_start = time.perf_counter()
    index_seconds = time.perf_counter() - index_start
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    clock.stop()
    load_seconds, load_cpu = clock.wall, clock.cpu
    wall_seconds = time.perf_counter() - start
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    db.execute("ANALYZE")
    size_mb = db_path.stat().st_size / 1e6

    rng = random.Random(SEED + 1)
    agency_queries = [fold(rng.choice(DEPARTMENTS + [(d, None) for d in generator.districts[:200]])[0]).lower() for _ in range(args.queries)]
    ref_queries = ["/".join(rng.choice(generator.refs).number.split("/")[:2]) for _ in range(args.queries)]
    words = sorted({w for phrase in OBJECTS + VERBS for w in fold(phrase).lower().replace(",", "").split()})
    text_queries = [" ".join(rng.sample(words, rng.choice([1, 2]))) for _ in range(args.queries)]
    run = lambda **kw: (lambda q: search_tasks(db, SearchQuery(**{kw["field"]: q})))  # noqa: E731

    ours = {
        "agency (`--agency`, folded, fuzzy)": timed(run(field="agency"), agency_queries),
        "reference (`--ref 32/2024`)": timed(run(field="ref"), ref_queries),
        "full text (FTS5, folded)": timed(run(field="text"), text_queries),
    }
    # Peers, same questions: an unindexed scan over the table, and pandas.
    peer_count = max(10, args.queries // 10)
    db.conn.create_function("ccn_fold", 1, lambda s: fold(s or "").lower(), deterministic=True)
    like_scan = {
        "agency": timed(lambda q: db.execute("select uid from tasks where ccn_fold(agency) like ? limit 100", [f"%{q}%"]).fetchall(), agency_queries[:peer_count]),
        "reference": timed(lambda q: db.execute("select uid from tasks where ref_numbers like ? limit 100", [f"%{q}%"]).fetchall(), ref_queries[:peer_count]),
        "full text": timed(lambda q: db.execute("select uid from tasks where task_folded like ? limit 100", [f"%{q}%"]).fetchall(), text_queries[:peer_count]),
    }
    frame_start = time.perf_counter()
    frame = load_tasks(db_path)
    frame_seconds = time.perf_counter() - frame_start
    folded_agency = frame["agency"].fillna("").map(lambda s: agency_key(s))
    pandas_peer = {
        "agency": timed(lambda q: frame[folded_agency == agency_key(q)].head(100), agency_queries[:peer_count]),
        "reference": timed(lambda q: frame[frame["ref_numbers"].map(lambda refs: any(r.startswith(q + "/") for r in refs))].head(100), ref_queries[:peer_count]),
        "full text": timed(lambda q: frame[frame["task_folded"].str.contains(q, regex=False)].head(100), text_queries[:peer_count]),
    }

    lines = [
        f"## Task table benchmark ({loaded:,} tasks, {args.documents:,} documents)",
        "",
        "| measure | value | target |",
        "| --- | --- | --- |",
        f"| load (loader wall time, generator excluded) | {loaded / load_seconds:,.0f} tasks/s ({load_seconds:.1f} s) | ≥ 20,000 tasks/s |",
        f"| of which building the search indexes at the end | {index_seconds:.1f} s | — |",
        f"| load per CPU-second of the loader | {loaded / load_cpu:,.0f} tasks | — |",
        f"| generate + load, wall | {loaded / wall_seconds:,.0f} tasks/s ({wall_seconds:.1f} s) | — |",
        f"| database size | {size_mb:,.0f} MB ({size_mb * 1e6 / loaded:,.0f} B/task) | — |",
        f"| peak memory while loading (RSS) | {peak_rss_mb:,.0f} MB (before: {rss_before / 1024:,.0f} MB) | — |",
    ]
    targets = {"agency": "≤ 50 ms", "reference": "≤ 50 ms", "full text": "≤ 100 ms"}
    lines += ["", "| search (limit 100) | ccn p50 | ccn p95 | target p95 | LIKE scan p50 | pandas p50 |", "| --- | --- | --- | --- | --- | --- |"]
    for (label, times), peer in zip(ours.items(), targets):
        lines.append(
            f"| {label} | {statistics.median(times):.1f} ms | {p95(times):.1f} ms | {targets[peer]} | "
            f"{statistics.median(like_scan[peer]):.1f} ms | {statistics.median(pandas_peer[peer]):.1f} ms |"
        )
    load_average = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    lines += [
        "",
        f"{args.queries} queries per kind; peers on {peer_count} of them. `load_tasks()` into pandas took {frame_seconds:.1f} s.",
        f"Machine load average at the end (1, 5, 15 min): {load_average} on {os.cpu_count()} cores.",
    ]
    OUT.mkdir(exist_ok=True)
    save(lines)  # a failure of the parts below loses nothing measured so far
    if args.http_queries:
        db.conn.close()
        lines += http_searches(db_path, generator, args.http_queries)
        save(lines)
    if args.scans:
        lines += run_overhead(args.scans, folder, args.corpus)
        save(lines)
    print("\n".join(lines))


def save(lines: list[str]) -> None:
    (OUT / "table.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
