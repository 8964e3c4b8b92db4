"""Run settings: a CLI flag beats a NEWSETL_* variable, which beats the default."""

from __future__ import annotations

import pytest

from etl.settings import DEFAULT_BATCH_SIZE, Settings
from flows.cli import build_parser, main


def test_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NEWSETL_BATCH_SIZE", "NEWSETL_TASK_RUNNER", "NEWSETL_INPUT_ROOT"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings()
    assert (settings.batch_size, settings.task_runner, settings.input_root) == (DEFAULT_BATCH_SIZE, "thread", None)


def test_environment_beats_default_and_flag_beats_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSETL_BATCH_SIZE", "500")
    monkeypatch.setenv("NEWSETL_TASK_RUNNER", "process")
    monkeypatch.setenv("NEWSETL_OUTPUT_ROOT", "/data/out")
    args = build_parser(Settings()).parse_args(["run", "in", "--batch-size", "50"])
    assert (args.batch_size, args.task_runner, args.out) == (50, "process", "/data/out")


def test_help_shows_the_values_in_force(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("NEWSETL_BATCH_SIZE", "1234")
    with pytest.raises(SystemExit):
        main(["run", "--help"])
    assert "(default: 1234)" in capsys.readouterr().out


def test_bad_environment_value_is_one_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("NEWSETL_BATCH_SIZE", "many")
    assert main(["run", "in", "--out", "out"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "NEWSETL_" in err


def test_unknown_setting_is_refused() -> None:
    with pytest.raises(ValueError, match="extra"):
        Settings(batchsize=3)  # type: ignore[call-arg]
