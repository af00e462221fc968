"""A real word processor for the Word redline tests: LibreOffice, headless, driven through UNO.

Accepting or rejecting every tracked change is the word processor's business, so the tests ask
one rather than reading the XML back: Debian's ``libreoffice-writer-nogui`` (``soffice``) runs
once per test module with a private profile, listening on a named pipe, and for each file a
small UNO client, run by the system Python that has ``python3-uno``, opens it with Word's import
filter, lists its tracked changes and comments, accepts every change (and, in a second copy,
rejects every change) and prints every paragraph's style and text as JSON. That client is this
file's ``__main__`` part, so this file imports only the standard library at the top.

Comments: Debian's writer-nogui ships without Writer's UI files, and soffice 7.4 aborts when a
document view builds the margin window of a comment (``annotation.ui`` is missing). So each
file is first loaded as a bare model, without a view, which reads everything, comments
included; the comments are listed (author, text and the text they are anchored on) and then
removed, and only then does the model get the hidden view that the Accept All and Reject All
commands need. Comments are not text, so the paragraphs are the same with or without them.

A missing LibreOffice or UNO fails the tests, never skips them (``make sysdeps`` installs them):
a green run must have opened the files in a word processor. Every call has a timeout, so a hung
``soffice`` fails the test instead of hanging the run.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SYSTEM_PYTHON = "/usr/bin/python3"  # Debian's, where python3-uno puts the uno module
TIMEOUT = 120.0  # seconds for one file; a first start of soffice with a fresh profile takes ~5
STATES = ("as written", "accepted", "rejected")
WORD_FILTER = "MS Word 2007 XML"


@dataclass(frozen=True)
class Paragraph:
    style: str
    text: str


@dataclass(frozen=True)
class Redline:
    """A tracked change as LibreOffice lists it."""

    type: str  # Insert, Delete, Format, ParagraphFormat, ...
    author: str
    date: str  # YYYY-MM-DDTHH:MM:SS


@dataclass(frozen=True)
class Comment:
    author: str
    text: str
    anchor: str  # the document text the comment is on


@dataclass(frozen=True)
class Opened:
    """What LibreOffice made of a file: its tracked changes, its comments, and its paragraphs
    as written, with every change accepted, and with every change rejected."""

    redlines: list[Redline]
    comments: list[Comment]
    paragraphs: dict[str, list[Paragraph]]


class LibreOfficeError(Exception):
    """LibreOffice could not open the file, or did not answer in time."""

    crashed = False  # soffice died, or the client was killed by a signal


def missing() -> str | None:
    """Why LibreOffice cannot be driven here, or None when it can."""
    if shutil.which("soffice") is None:
        return "soffice is not installed (Debian: libreoffice-writer-nogui); run make sysdeps"
    try:
        probe = subprocess.run(
            [SYSTEM_PYTHON, "-c", "import uno"], capture_output=True, timeout=60, check=False
        )
    except FileNotFoundError:
        return f"{SYSTEM_PYTHON} is missing; run make sysdeps"
    if probe.returncode:
        return f"{SYSTEM_PYTHON} cannot import uno (Debian: python3-uno); run make sysdeps"
    return None


class LibreOffice:
    """One headless soffice with a private profile under ``workdir``; ``open`` reads files."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.count = 0
        self.starts = 0
        self._start()

    def _start(self) -> None:
        self.starts += 1
        self.pipe = f"diffsvc-{os.getpid()}-{time.monotonic_ns()}"
        profile = self.workdir / f"profile-{self.starts}"
        self.log = (self.workdir / "soffice.log").open("ab")
        # A session of its own, so that closing ends soffice.bin too, and nothing else.
        self.process = subprocess.Popen(
            [
                "soffice",
                "--headless",
                "--invisible",
                "--nologo",
                "--norestore",
                "--nodefault",
                "--nolockcheck",
                f"-env:UserInstallation={profile.as_uri()}",
                f"--accept=pipe,name={self.pipe};urp;StarOffice.ComponentContext",
            ],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def open(self, data: bytes) -> Opened:
        """Open a .docx in LibreOffice: its tracked changes, comments and paragraphs.

        soffice itself now and then dies on a CI machine (about one run in eight, with nothing
        in its log but the javaldx warning). When it has died, or the client was killed by a
        signal, a fresh soffice gets the same file once more; a file that makes LibreOffice
        fail twice fails the test."""
        self.count += 1
        path = self.workdir / f"file-{self.count}.docx"
        path.write_bytes(data)
        if self.process.poll() is not None and self.starts == 1:
            self._restart()  # died since the last file: the client would wait on a dead pipe
        try:
            return self._read(path)
        except LibreOfficeError as error:
            if not error.crashed or self.starts > 1:
                raise
        self._restart()
        return self._read(path)

    def _restart(self) -> None:
        self.close()
        self._start()

    def _read(self, path: Path) -> Opened:
        try:
            done = subprocess.run(
                [SYSTEM_PYTHON, __file__, self.pipe, str(path)],
                capture_output=True,
                timeout=TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired as error:
            raise LibreOfficeError(f"LibreOffice did not answer in {TIMEOUT:.0f} s") from error
        if done.returncode:
            log = (self.workdir / "soffice.log").read_text("utf-8", "replace")[-2000:]
            stderr = done.stderr.decode("utf-8", "replace")[-3000:]
            exited = self.process.poll()
            error = LibreOfficeError(
                f"the UNO client exited with {done.returncode}; soffice "
                f"{'is running' if exited is None else f'exited with {exited}'}\n"
                f"{stderr}\nsoffice's log:\n{log}"
            )
            error.crashed = exited is not None or done.returncode < 0
            raise error
        found = json.loads(done.stdout)
        return Opened(
            redlines=[Redline(**r) for r in found["redlines"]],
            comments=[Comment(**c) for c in found["comments"]],
            paragraphs={
                state: [Paragraph(style, text) for style, text in found["paragraphs"][state]]
                for state in STATES
            },
        )

    def close(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)
        self.log.close()


# The UNO client, run by the system Python: ``python3 libreoffice.py PIPE FILE``.


def _client(pipe: str, path: str) -> dict[str, Any]:  # pragma: no cover - runs in LibreOffice
    import uno  # type: ignore[import-not-found]
    from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

    def argument(name: str, value: Any) -> Any:
        prop = PropertyValue()
        prop.Name, prop.Value = name, value
        return prop

    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + TIMEOUT / 2
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except Exception:  # soffice still starting: its pipe is not there yet
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    manager = context.ServiceManager
    desktop = manager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    dispatcher = manager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
    url = uno.systemPathToFileUrl(path)
    found: dict[str, Any] = {"paragraphs": {}}
    for state in STATES[1:]:
        # A bare model first: Word's import filter reads the whole file, with no view yet.
        model = manager.createInstanceWithContext("com.sun.star.text.TextDocument", context)
        model.load((argument("URL", url), argument("FilterName", WORD_FILTER)))
        try:
            notes = _annotations(model)
            if state == "accepted":
                found["redlines"] = [_redline(r) for r in model.Redlines]
                found["comments"] = [
                    {"author": n.Author, "text": n.Content, "anchor": n.Anchor.String}
                    for n in notes
                ]
                found["paragraphs"]["as written"] = _paragraphs(model)
            for note in notes:
                note.dispose()
            document = desktop.loadComponentFromURL(
                "private:object", "_blank", 0, (argument("Model", model), argument("Hidden", True))
            )
            command = "Accept" if state == "accepted" else "Reject"
            frame = document.CurrentController.Frame
            dispatcher.executeDispatch(frame, f".uno:{command}AllTrackedChanges", "", 0, ())
            found["paragraphs"][state] = _paragraphs(document)
        finally:
            model.close(True)
    return found


def _annotations(model: Any) -> list[Any]:  # pragma: no cover - runs in LibreOffice
    out = []
    fields = model.TextFields.createEnumeration()
    while fields.hasMoreElements():
        field = fields.nextElement()
        if field.supportsService("com.sun.star.text.textfield.Annotation"):
            out.append(field)
    return out


def _redline(redline: Any) -> dict[str, str]:  # pragma: no cover - runs in LibreOffice
    d = redline.getPropertyValue("RedlineDateTime")
    return {
        "type": redline.getPropertyValue("RedlineType"),
        "author": redline.getPropertyValue("RedlineAuthor"),
        "date": f"{d.Year:04}-{d.Month:02}-{d.Day:02}T{d.Hours:02}:{d.Minutes:02}:{d.Seconds:02}",
    }


def _paragraphs(document: Any) -> list[tuple[str, str]]:  # pragma: no cover - in LibreOffice
    out = []
    paragraphs = document.Text.createEnumeration()
    while paragraphs.hasMoreElements():
        paragraph = paragraphs.nextElement()
        if paragraph.supportsService("com.sun.star.text.Paragraph"):
            out.append((paragraph.ParaStyleName, paragraph.String))
    return out


if __name__ == "__main__":  # pragma: no cover - the client, under the system Python
    json.dump(_client(sys.argv[1], sys.argv[2]), sys.stdout, ensure_ascii=False)
