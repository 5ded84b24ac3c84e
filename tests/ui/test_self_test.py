"""`tafdesk --self-test` from the source tree: every check passes and the
sign-in dialog is opened and closed again."""

from PySide6.QtWidgets import QApplication

from tafdesk.cli import main
from tafdesk.ui.sign_in import SignInDialog


def test_the_self_test_passes_and_leaves_no_window_open(qapp, capsys):
    assert main(["--self-test"]) == 0
    out = capsys.readouterr().out
    assert "FAILED" not in out
    assert "the sign-in dialog (" in out and "the allocation's assignment solver" in out
    assert "the first-run wizard (" in out
    assert out.rstrip().endswith("tafdesk self-test: all well")
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, SignInDialog) and w.isVisible()]


def test_a_missing_resource_fails_the_self_test(qapp, capsys, monkeypatch, tmp_path):
    import tafdesk.cli_self_test as self_test

    monkeypatch.setattr(self_test, "resource_path", lambda *parts: tmp_path.joinpath(*parts))
    assert main(["--self-test"]) == 1
    out = capsys.readouterr().out
    assert "FAILED  resources: missing: fonts/NotoSans-Regular.ttf" in out
    assert "1 check(s) failed" in out
