"""Documents that other software wrote: .docx files opened and saved again by LibreOffice
(Debian's libreoffice-writer-nogui, headless), so that the tests read what LibreOffice writes,
not only what python-docx writes.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

#: Marks a test that needs LibreOffice; it is skipped where LibreOffice is not installed.
needs_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def resave(paths: list[Path], folder: Path) -> list[Path]:
    """Each .docx opened and saved again as .docx by LibreOffice, into `folder`, under the same
    file names; one LibreOffice run for all, with a profile of its own (so that runs in
    parallel, or a LibreOffice the user has open, do not collide)."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        completed = subprocess.run(
            [
                SOFFICE,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                "docx:MS Word 2007 XML",
                "--outdir",
                str(folder),
                *map(str, paths),
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    written = [folder / Path(path).name for path in paths]
    missing = [path.name for path in written if not path.is_file()]
    assert not missing, f"LibreOffice wrote no {missing}: {completed.stdout}{completed.stderr}"
    return written
