"""The README's promises that a script can check."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"

pytestmark = pytest.mark.skipif(not README.exists(), reason="run from a source checkout")


def shell_blocks() -> list[str]:
    return re.findall(r"```sh\n(.*?)\n```", README.read_text(encoding="utf-8"), re.DOTALL)


def test_readme_has_the_two_commands_and_ci_runs_the_test_one():
    install, test = shell_blocks()[:2]
    assert install.endswith("tca-tui")
    assert "[test]" in test and "pytest" in test
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test in ci_lines
