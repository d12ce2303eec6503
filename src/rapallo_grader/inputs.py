"""Essays as teachers have them: text, Markdown, Word and PDF files, folders of them, a CSV or
JSONL export with one essay per row, or standard input.

Reading never raises for one bad essay: an unreadable file or row becomes an ``EssayInput``
whose ``text`` is an ``EssayError`` saying why, so it keeps its place (and its row in every
output) while the rest of the class is graded.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import sys
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from xml.etree import ElementTree

from .errors import EssayError

ESSAY_SUFFIXES = (".txt", ".md", ".docx", ".pdf")
TABLE_SUFFIXES = (".csv", ".jsonl")
#: Files larger than this are refused before reading: no essay is this long.
MAX_FILE_BYTES = 20_000_000
_DOCX_TEXT = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass(frozen=True)
class EssayInput:
    source: str  # where it came from: a path, '-', or 'table.csv#row-id'
    id: str  # the student: file name without extension, or the id column
    text: str | EssayError


def iter_inputs(paths: Sequence[str], pattern: str = "*", id_col: str = "id", text_col: str = "text",
                stdin: BinaryIO | None = None) -> Iterator[EssayInput]:
    """Every essay under ``paths``, in order: folders are searched recursively (sorted) for
    essay files whose name matches ``pattern``; CSV and JSONL files yield one essay per row. A
    file reached twice (``class/`` and ``class/ann.txt``) is read once, where first reached."""
    seen: set[Path] = set()

    def first_time(path: Path) -> bool:
        key = path.resolve()
        if key in seen:
            return False
        seen.add(key)
        return True

    for raw in paths:
        path = Path(raw)
        if raw == "-":
            data = (stdin or sys.stdin.buffer).read(MAX_FILE_BYTES + 1)
            yield EssayInput("-", "stdin", _too_big(len(data)) or decode(data))
        elif path.is_dir():
            found = sorted(p for p in path.rglob(pattern)
                           if p.is_file() and p.suffix.lower() in ESSAY_SUFFIXES)
            for file in found:
                if first_time(file):
                    yield EssayInput(str(file), file.stem, read_file(file))
        elif not first_time(path):
            continue
        elif path.suffix.lower() in TABLE_SUFFIXES and path.is_file():
            yield from _table(path, id_col, text_col)
        else:
            yield EssayInput(raw, path.stem, read_file(path))


def read_file(path: Path) -> str | EssayError:
    """One essay file's text, or why it cannot be read."""
    try:
        if path.exists() and not path.is_file():
            return EssayError("not a regular file (a device, pipe or socket?); give the essay file itself")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return _too_big(size) or EssayError("file too large")
        data = path.read_bytes()
    except FileNotFoundError:
        return EssayError("file not found")
    except IsADirectoryError:
        return EssayError("is a folder, not a file")
    except OSError as exc:
        return EssayError(f"cannot read file: {exc.strerror}")
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return docx_text(data)
    if suffix == ".pdf":
        return pdf_text(data)
    return decode(data)


def _too_big(size: int) -> EssayError | None:
    if size > MAX_FILE_BYTES:
        return EssayError(f"file is over {MAX_FILE_BYTES // 1_000_000} MB; no essay is this long - check it is "
                          "the right file")
    return None


def decode(data: bytes) -> str | EssayError:
    """UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252; binary data is refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return EssayError("file starts like UTF-16 text but is not valid UTF-16")
    if b"\x00" in data and (utf16 := _bomless_utf16(data)) is not None:
        return utf16
    if b"\x00" in data:
        return EssayError("binary file, not text (contains NUL bytes); save the essay as plain text, "
                          "Word (.docx) or PDF")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return EssayError("not readable as UTF-8 or Windows-1252 text; save the essay as UTF-8")


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 saved without a byte-order mark: text whose every other byte is NUL."""
    if len(data) < 4 or len(data) % 2:
        return None
    for encoding, zeros in (("utf-16-le", data[1::2]), ("utf-16-be", data[0::2])):
        if zeros.count(0) >= 0.9 * len(zeros):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            return text if all(c.isprintable() or c.isspace() for c in text) else None
    return None


def docx_text(data: bytes) -> str | EssayError:
    """Paragraph text of a Word document (no formatting, no comments, no tracked deletions)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("word/document.xml")
            if info.file_size > MAX_FILE_BYTES:
                return EssayError("Word document's text is implausibly large (a zip bomb?); refused")
            root = ElementTree.fromstring(archive.read(info))
    except (zipfile.BadZipFile, KeyError):
        return EssayError("not a Word (.docx) document, or a damaged one; re-save it from Word")
    except ElementTree.ParseError as exc:
        return EssayError(f"Word document is damaged ({exc}); re-save it from Word")
    paragraphs = []
    for paragraph in root.iter(f"{_DOCX_TEXT}p"):
        parts = []
        for node in paragraph.iter():
            if node.tag == f"{_DOCX_TEXT}t" and node.text:
                parts.append(node.text)
            elif node.tag in (f"{_DOCX_TEXT}tab",):
                parts.append("\t")
            elif node.tag in (f"{_DOCX_TEXT}br", f"{_DOCX_TEXT}cr"):
                parts.append("\n")
        paragraphs.append("".join(parts))
    return "\n\n".join(p for p in paragraphs if p.strip())


def pdf_text(data: bytes) -> str | EssayError:
    """Text layer of a PDF; a scanned PDF (images only) is refused with that reason."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    # pypdf logs what it repairs or gives up on ("EOF marker not found") straight to stderr, in the
    # middle of a batch's output; what matters comes back as this essay's error instead.
    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            return EssayError("PDF is password-protected; save an unprotected copy")
        text = "\n\n".join((page.extract_text() or "").strip() for page in reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        return EssayError(f"cannot read PDF ({exc.__class__.__name__}: {exc}); re-save or export it again")
    finally:
        log.setLevel(level)
    if not text.strip():
        return EssayError("PDF has no text layer (a scan?); grade the typed essay or run OCR first")
    return text


def _table(path: Path, id_col: str, text_col: str) -> Iterator[EssayInput]:
    data = read_file(path)
    if isinstance(data, EssayError):
        yield EssayInput(str(path), path.stem, data)
        return
    used: set[str] = set()
    if path.suffix.lower() == ".jsonl":
        for n, row in jsonl_objects(data):
            if isinstance(row, str):
                yield EssayInput(f"{path}#line{n}", f"line{n}", EssayError(f"line {n} is not a JSON object"))
            else:
                yield _row(path, row, n, id_col, text_col, "line", used)
        return
    reader = csv_rows(data)
    try:
        fields = reader.fieldnames
    except csv.Error as exc:
        yield EssayInput(str(path), path.stem, EssayError(f"not readable as CSV ({exc})"))
        return
    if fields is None or text_col not in fields:
        found = ", ".join(fields or []) or "none"
        yield EssayInput(str(path), path.stem, EssayError(f"no '{text_col}' column (columns: {found}); "
                                                          "name the essay column with --text-col"))
        return
    n = 1
    try:
        for n, row in enumerate(reader, 2):
            yield _row(path, row, n, id_col, text_col, "row", used)
    except csv.Error as exc:  # the rows before it were graded; say where reading stopped
        yield EssayInput(f"{path}#row{n + 1}", f"row{n + 1}",
                         EssayError(f"row {n + 1} and after: not readable as CSV ({exc})"))


def jsonl_objects(data: str) -> Iterator[tuple[int, dict[str, object] | str]]:
    """(line number, its JSON object or why it is not one) for each line that is not blank. Lines
    end at "\n" only: ``str.splitlines`` also splits at a U+2028 inside a JSON string."""
    for n, line in enumerate(data.split("\n"), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield n, f"not a JSON object ({exc.msg})"
            continue
        yield n, record if isinstance(record, dict) else f"not a JSON object (a {type(record).__name__})"


def csv_rows(data: str) -> csv.DictReader[str]:
    """A CSV reader over text in memory that keeps the line breaks inside quoted fields (an essay's
    paragraphs) and takes fields as long as a whole file: the csv module's own limit (131,072
    characters) would stop a batch at one over-long essay, which the grader refuses by itself."""
    if csv.field_size_limit() < MAX_FILE_BYTES:
        csv.field_size_limit(MAX_FILE_BYTES)
    return csv.DictReader(io.StringIO(data, newline=""))


def _row(path: Path, row: dict[str, object], n: int, id_col: str, text_col: str, unit: str,
         used: set[str]) -> EssayInput:
    ident = str(row.get(id_col) or f"{unit}{n}")
    # A source names one essay: `--resume` skips sources already graded, so a second row under the
    # same id must not share the first one's (it would never be graded).
    source = f"{path}#{ident}"
    if source in used:
        source = f"{path}#{ident}#{unit}{n}"
    used.add(source)
    text = row.get(text_col)
    if not isinstance(text, str):
        return EssayInput(source, ident, EssayError(f"{unit} {n} has no '{text_col}' text"))
    return EssayInput(source, ident, text)
