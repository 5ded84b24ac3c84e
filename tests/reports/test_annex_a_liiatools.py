"""Social Finance's liiatools, which councils' analysts run over Annex A
files, cleans tafdesk's List 2 without blanking a cell.

liiatools writes its cleaned file only for a workbook holding all eleven
lists (it says "The following sheets are missing … so no output has been
created" otherwise): a council's Annex A is assembled from several systems,
and tafdesk holds List 2's data only. So the test does what the analyst
does: tafdesk's workbook, untouched, with the other ten lists' sheets added
(their headings as liiatools' own configuration names them, no rows).

liiatools 0.2.0 (the newest release) pins pandas below 2 and cchardet 2.1.7,
whose C++ source builds on no Python newer than 3.9 (it includes
longintrepr.h, gone from 3.11's headers), so it lives in a virtualenv of its
own on a Python 3.9 (TAFDESK_LIIATOOLS_PYTHON names one; else python3.9 on the
PATH or pyenv's). The virtualenv is built once and kept in var/ (ignored by
git) for later runs; without a Python 3.9, or without the package index,
the test is skipped and says why."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import openpyxl
import pytest

from tafdesk.models import Ethnicity, Gender, Locality
from tafdesk.services.reports.annex_a import COLUMNS, AnnexAService
from tests.reports.annex_a_world import Assessment, Child, add_family, agencies_for

pytestmark = pytest.mark.slow

RELEASE = "liiatools==0.2.0"
PINS = ("numpy<2",)  # its pandas 1.5 was built against numpy 1
VENV = Path(__file__).resolve().parents[2] / "var" / "liiatools-0.2.0"
LA_CODE, LA_NAME = "BAR", "Barnet"  # any council liiatools knows
START, END = dt.date(2025, 4, 1), dt.date(2026, 3, 31)
GENDERS = (Gender.MALE, Gender.FEMALE, Gender.NOT_KNOWN, Gender.OTHER, None)
# Run by the virtualenv's Python: the workbook given, with a sheet of headings
# for each list liiatools knows that it does not hold, saved as another file.
ASSEMBLE = """
import sys
from pathlib import Path
import openpyxl, yaml
import liiatools.spec.annex_a as spec
lists = yaml.safe_load((Path(spec.__file__).parent / "annex-a-merge.yml").read_text())["datasources"]
book = openpyxl.load_workbook(sys.argv[1])
for name, columns in lists.items():
    if name not in book.sheetnames:
        book.create_sheet(name).append(list(columns))
book.save(sys.argv[2])
"""


def _children() -> tuple[tuple[Child, ...], tuple[Assessment, ...]]:
    """A child for every ethnicity code and every gender, open and completed
    assessments; and one child the list cannot hold (no date of birth)."""
    children, assessments = [], []
    for n, code in enumerate(Ethnicity):
        name = f"Kid{n:02d}"
        born = dt.date(2008 + n % 17, 1 + n % 12, 1 + (7 * n) % 28)
        children.append(Child(name, GENDERS[n % len(GENDERS)], code, code.label, born))
        started = START + dt.timedelta(days=17 * n)
        completed = None if n % 3 == 0 else started + dt.timedelta(days=30)
        assessments.append(Assessment((name,), started, completed, "Education Welfare" if n % 2 else "Family Support"))
    children.append(Child("Unborn", Gender.FEMALE, Ethnicity.WBRI, "White British", None))
    assessments.append(Assessment(("Unborn",), START, None, "Family Support"))
    return tuple(children), tuple(assessments)


@pytest.fixture
def list_2(db, tmp_path) -> tuple[Path, list[tuple]]:
    children, assessments = _children()
    with db.session() as s:
        north = Locality(name="North", code="N")
        s.add(north)
        s.flush()
        add_family(s, north, "Testa", 1, children, assessments, agencies_for(s))
    out = tmp_path / "annex_a.xlsx"
    made = AnnexAService(db, _manager()).write(START, END, out)
    assert len(made.rows) == len(Ethnicity) and len(made.not_listed) == 1
    return out, [tuple(r.cells()) for r in made.rows]


def _manager():
    from tafdesk.models import Role
    from tafdesk.services.actor import Actor

    return Actor(None, "Nadia Hughes", Role.LOCALITY_MANAGER, localities=None)


def test_liiatools_cleans_list_2_without_blanking_a_cell(list_2, tmp_path):
    written, rows = list_2
    python = _liiatools_python()
    logs, cleaned = tmp_path / "logs", tmp_path / "cleaned"
    logs.mkdir()
    cleaned.mkdir()
    assembled = tmp_path / "council_annex_a.xlsx"
    added = subprocess.run([python, "-c", ASSEMBLE, str(written), str(assembled)], capture_output=True, text=True)
    assert added.returncode == 0, added.stderr[-2000:]
    where = ["--i", str(assembled), "--la_code", LA_CODE, "--la_log_dir", str(logs), "--o", str(cleaned)]
    run = subprocess.run(
        [python, "-m", "liiatools", "annex-a", "cleanfile", *where],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    complaints = "\n".join(p.read_text() for p in logs.iterdir())
    assert "List 2" not in complaints, complaints  # no cell made blank, none found blank that should hold data

    page = openpyxl.load_workbook(cleaned / f"{assembled.stem}_clean.xlsx")["List 2"]
    found = list(page.iter_rows(values_only=True))
    assert found[0] == (*COLUMNS, "LA")
    assert len(found) - 1 == len(rows)
    by_id = {row[0]: row for row in found[1:]}
    for ours in rows:
        theirs = _dates(by_id[f"{ours[0]}_{LA_CODE}"])
        # Every value kept as written, but the date of birth, which liiatools
        # keeps to its month on purpose (its data minimisation).
        expected = (f"{ours[0]}_{LA_CODE}", *ours[1:3], ours[3].replace(day=1), *ours[4:], LA_NAME)
        assert theirs == expected  # so no cell blanked: only an open assessment's completion date is None


def _dates(row: tuple) -> tuple:
    return tuple(v.date() if isinstance(v, dt.datetime) else v for v in row)


def _liiatools_python() -> str:
    """The virtualenv's Python, building it the first time (one test process at a time)."""
    python = VENV / "bin" / "python"
    with _locked(VENV.with_suffix(".lock")):
        if (VENV / ".ready").exists() and python.exists():
            return str(python)
        base = _python_39()
        if base is None:
            pytest.skip(
                f"{RELEASE} needs a Python 3.9 (its cchardet 2.1.7 builds on no newer one) and none was found: "
                "set TAFDESK_LIIATOOLS_PYTHON, or install one (pyenv install 3.9)"
            )
        shutil.rmtree(VENV, ignore_errors=True)
        made = subprocess.run([base, "-m", "venv", str(VENV)], capture_output=True, text=True, timeout=120)
        if made.returncode != 0:
            pytest.skip(f"could not make a virtualenv with {base}: {_last_line(made)}")
        pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--timeout", "30"]
        installed = subprocess.run([*pip, RELEASE, *PINS], capture_output=True, text=True, timeout=900)
        if installed.returncode != 0:
            shutil.rmtree(VENV, ignore_errors=True)
            pytest.skip(f"{RELEASE} could not be installed here (no package index?): {_last_line(installed)}")
        (VENV / ".ready").write_text(RELEASE + "\n")
    return str(python)


def _python_39() -> str | None:
    root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    candidates = [os.environ.get("TAFDESK_LIIATOOLS_PYTHON"), shutil.which("python3.9")]
    candidates += [str(p) for p in sorted(root.glob("versions/3.9*/bin/python3.9"), reverse=True)]
    for candidate in filter(None, candidates):
        try:
            said = subprocess.run(
                [candidate, "-c", "import sys; print(sys.version_info[:2] == (3, 9))"],
                capture_output=True,
                text=True,
                timeout=30,
            )
        except OSError:
            continue
        if said.stdout.strip() == "True":
            return candidate
    return None


def _last_line(done: subprocess.CompletedProcess) -> str:
    lines = [line for line in (done.stderr or done.stdout).splitlines() if line.strip() and "WARNING" not in line]
    return lines[-1].strip() if lines else f"exit {done.returncode}"


@contextmanager
def _locked(path: Path):
    """One test process builds the virtualenv; the others wait for it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        if sys.platform != "win32":
            import fcntl

            fcntl.flock(handle, fcntl.LOCK_EX)
        yield
