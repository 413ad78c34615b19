"""The local scheduler's worker pool."""

import subprocess
import sys
import textwrap

import pytest

#: A fresh interpreter: the forkserver reads its preload list once per process.
POOL = textwrap.dedent('''
    import sys
    from pathlib import Path

    from ccn_docs.run.local import LocalScheduler
    from ccn_docs.run.work import DocumentWork


    def imported(path):
        return [name for name in ("colorsys", "wave") if name in sys.modules]


    if __name__ == "__main__":
        with LocalScheduler(2, preload=sys.argv[1:]) as scheduler:
            [outcome] = scheduler.map_documents([DocumentWork(Path("x"), [], None, imported)], on_pages=print)
        print(*outcome.result)
''')


@pytest.mark.parametrize("preload, imported", [([], ""), (["colorsys"], "colorsys")])
def test_workers_start_with_the_preloaded_modules_imported(tmp_path, preload, imported):
    script = tmp_path / "pool.py"
    script.write_text(POOL, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script), *preload], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == imported
