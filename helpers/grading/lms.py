"""Submissions as a learning management system hands them out: Canvas and Moodle zips.

``python -m helpers.grade submissions.zip --out grades-01`` reads the zip that
Canvas ("Download Submissions") or Moodle ("Download all submissions") makes,
or the folder it was unzipped into, and grades one notebook per student: the
student id is the LMS's own id, the name is kept for display, and the files
that did not count are named in the student's notes.

How each system names the files (read from the systems' own source code):

Canvas
    ``lib/content_zipper.rb`` (instructure/canvas-lms) names each attached
    file ``<name>[_LATE]_<user id>_<attachment id>_<file name>``. ``<name>``
    is the student's sortable name ("Smith, Bob") lower-cased with every
    character that is not a letter, digit or ``_`` removed (``smithbob``);
    ``LATE`` marks work Canvas counts as late (older Canvas lower-cases it);
    an anonymised assignment puts ``anon_<anonymous id>`` where the user id
    was and no name. The user id is the ``ID`` column of Canvas's gradebook
    export. ``Attachment.make_unique_filename`` (``app/models/attachment.rb``)
    renames a file whose name the student already used to ``<stem>-1.ipynb``,
    ``<stem>-2.ipynb``, ...: the mark of a resubmission. The larger
    attachment id is the newer file.
Moodle
    ``mod/assign/classes/downloader.php`` (moodle/moodle) puts each student's
    files in a folder ``<Full Name>_<participant id>_assignsubmission_file``
    (Moodle 3.1 to 4.0 end it with ``_``), or, with "download submissions in
    folders" off, names each file ``<Full Name>_<participant id>_assignsubmission_file_<file name>``.
    The participant id comes from ``get_uniqueid_for_user`` (the
    ``assign_user_mapping`` table): it is *not* the Moodle user id, but it is
    the number in the ``Identifier`` column ("Participant 1234") of the
    assignment's grading worksheet, which therefore serves as the roster. With
    blind marking the name is "Participant". The newest file (zip date) counts.

Any other name falls back to the two plain layouts (``alice.ipynb``,
``alice/01-partial-derivatives.ipynb``), as nbgrader's ``zip_collect`` lets
a regular expression decide and skips what does not match.

Safety: nothing is ever extracted by the archive's own names. A zip is
checked as a whole before anything is written, and refused, with the reason,
when an entry has an absolute path or ``..``, is a symbolic link or a device
(the Unix mode in the entry's external attributes), or when it has more than
:data:`MAX_ENTRIES` entries, more than :data:`MAX_TOTAL_BYTES` uncompressed,
or an entry that expands more than :data:`MAX_RATIO` times (a zip bomb). A
damaged zip is a :class:`~helpers.grading.submissions.TeacherError`, never a
traceback. Each counted notebook is written to
``OUT/submissions/<id>/<id>.ipynb``; names that are not UTF-8 (cp437 from
Windows zips) are decoded the way ``zipfile`` does and never crash anything.

Examples
--------
>>> parse_name("smithbob_LATE_12345_678901_01-partial-derivatives-1.ipynb").student
'12345'
>>> parse_name("Ana María_881_assignsubmission_file/01-partial-derivatives.ipynb").name
'Ana María'
"""

from __future__ import annotations

import json
import os
import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from helpers.grading.notebook import MAX_BYTES
from helpers.grading.submissions import TeacherError

__all__ = ["MAX_ENTRIES", "MAX_TOTAL_BYTES", "MAX_RATIO", "Entry", "Identity", "Collected",
           "parse_name", "zip_entries", "folder_entries", "is_lms_folder", "collect", "prepare",
           "annotate"]

#: Most entries a submissions zip may have (a class of a few hundred, a few files each).
MAX_ENTRIES = 5000
#: Most bytes a submissions zip may expand to.
MAX_TOTAL_BYTES = 2 * 1024**3
#: Largest expansion of one entry larger than a megabyte (notebooks deflate about 3-10x).
MAX_RATIO = 200

_CANVAS = re.compile(r"(?:(?P<name>\w*?)_)??(?:(?P<late>LATE)_)?(?P<user>\d+|anon_[A-Za-z0-9]+)"
                     r"_(?P<attachment>\d+)_(?P<file>.+)", re.IGNORECASE)
_MOODLE_DIR = re.compile(r"(?P<name>.+)_(?P<user>\d+)_assignsubmission_(?P<plugin>[a-z]+)_?")
_MOODLE_FILE = re.compile(r"(?P<name>.+?)_(?P<user>\d+)_assignsubmission_(?P<plugin>[a-z]+)_(?P<file>.+)")
_RESUBMITTED = re.compile(r"-(\d+)$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SKIP = ("__MACOSX", ".ipynb_checkpoints")
_READ_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, zlib.error,
                NotImplementedError, RuntimeError, ValueError, struct.error)


@dataclass(frozen=True)
class Entry:
    """One file of a zip or folder: its ``/``-separated name, size, date and content."""

    name: str
    size: int
    modified: tuple[float, ...]
    open: Callable[[], IO[bytes]]


@dataclass(frozen=True)
class Identity:
    """Who handed a file in, as its name says."""

    lms: str  # "canvas", "moodle" or "" (a plain layout)
    student: str  # the LMS user id (Canvas) or participant id (Moodle), or the plain id
    name: str  # for display
    file: str  # the student's own file name
    late: bool = False
    rank: tuple[Any, ...] = ()  # larger is newer


@dataclass
class Collected:
    """A notebook chosen for grading: where it was written, whose it is, what else was there."""

    identity: Identity
    path: Path
    source: str
    notes: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """What the result file keeps under ``"lms"``."""
        i = self.identity
        return {"system": i.lms or "plain", "user_id": i.student, "name": i.name, "file": i.file,
                "late": i.late, "source": self.source, "notes": list(self.notes)}


def _printable(text: str) -> str:
    return _CONTROL.sub("?", text)


def parse_name(path: str, modified: tuple[float, ...] = ()) -> Identity | None:
    """Who handed in the file at ``path`` (``/``-separated), from Canvas's or Moodle's naming.

    The LMS's names are recognised at any depth (downloads of several
    sections in one zip). Falls back to the plain layouts (``alice.ipynb``; ``alice/<file>.ipynb``);
    None for a file of no student (hidden, a checkpoint, macOS metadata).
    """
    parts = [p for p in path.split("/") if p not in ("", ".")]
    if not parts or any(p.startswith(".") or p in _SKIP for p in parts):
        return None
    leaf = parts[-1]
    for depth, part in enumerate(parts[:-1]):  # a Moodle student's folder (at any depth: sections)
        if m := _MOODLE_DIR.fullmatch(part):
            inside = "/".join(parts[depth + 1:])
            return Identity("moodle", m["user"], m["name"], inside, rank=(modified, inside))
    if m := _CANVAS.fullmatch(leaf):
        again = _RESUBMITTED.search(Path(m["file"]).stem)
        return Identity("canvas", m["user"], m["name"] or m["user"], m["file"], bool(m["late"]),
                        (int(m["attachment"]), int(again[1]) if again else 0, m["file"]))
    if m := _MOODLE_FILE.fullmatch(leaf):
        return Identity("moodle", m["user"], m["name"], m["file"], rank=(modified, m["file"]))
    student = parts[0] if len(parts) > 1 else Path(leaf).stem
    return Identity("", student, student, "/".join(parts[1:]) or leaf, rank=(modified, leaf))


def _decoded(info: zipfile.ZipInfo) -> str:
    """The entry's name; a name stored without the UTF-8 flag is tried as UTF-8 first."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            name = name.encode("cp437").decode("utf-8")
        except UnicodeError:
            pass
    return _printable(name)


def _unsafe(name: str, info: zipfile.ZipInfo) -> str | None:
    """Why an entry must not be in a submissions zip, or None."""
    parts = re.split(r"[/\\]", name)
    if name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name):
        return "has an absolute path"
    if ".." in parts:
        return "has '..' in its path (it would land outside the output folder)"
    kind = stat.S_IFMT(info.external_attr >> 16)
    if kind == stat.S_IFLNK:
        return "is a symbolic link"
    if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
        return "is not a regular file (a device or pipe)"
    if info.file_size > 2**20 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        return (f"expands {info.file_size / max(info.compress_size, 1):.0f} times "
                f"(more than {MAX_RATIO}: a zip bomb)")
    return None


def zip_entries(path: Path) -> list[Entry]:
    """The files of a submissions zip, after checking the whole zip is safe to read.

    Raises
    ------
    TeacherError
        A damaged zip, or one refused for an unsafe entry, too many entries or
        too large a total size; nothing has been written then.
    """
    try:
        archive = zipfile.ZipFile(path)
        infos = archive.infolist()
    except _READ_ERRORS as exc:
        raise TeacherError(f"{path} is not a readable zip file ({exc})") from None
    refused = f"refused {path}: "
    if len(infos) > MAX_ENTRIES:
        raise TeacherError(f"{refused}it has {len(infos)} entries (at most {MAX_ENTRIES}); "
                           "nothing was extracted")
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL_BYTES:
        raise TeacherError(f"{refused}it would expand to {total / 2**30:.1f} GB (at most "
                           f"{MAX_TOTAL_BYTES / 2**30:.0f} GB); nothing was extracted")
    entries = []
    for info in infos:
        name = _decoded(info)
        reason = _unsafe(name, info)
        if reason:
            raise TeacherError(f"{refused}the entry {name!r} {reason}; nothing was extracted")
        if not info.is_dir():
            entries.append(Entry(name.replace("\\", "/"), info.file_size, info.date_time,
                                 lambda info=info: archive.open(info)))
    return entries


def _display(raw: str) -> str:
    """A name from the file system (surrogate-escaped when not UTF-8) as printable text."""
    data = os.fsencode(raw)
    try:
        return _printable(data.decode("utf-8"))
    except UnicodeError:
        return _printable(data.decode("cp437"))


def folder_entries(folder: Path, exclude: Path | None = None) -> list[Entry]:
    """The files under an unzipped submissions folder (not under ``exclude``); a symbolic link refuses it."""
    entries = []
    for here, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if exclude is None or (Path(here) / d).resolve() != exclude.resolve())
        for name in sorted(dirs + files):
            path = Path(here) / name
            if path.is_symlink():
                shown = _display(str(path.relative_to(folder)))
                raise TeacherError(f"refused {folder}: {shown!r} is a symbolic link")
        for name in sorted(files):
            path = Path(here) / name
            info = path.stat()
            shown = "/".join(_display(p) for p in path.relative_to(folder).parts)
            entries.append(Entry(shown, info.st_size, (info.st_mtime,),
                                 lambda path=path: path.open("rb")))
    return entries


def is_lms_folder(folder: Path) -> bool:
    """Whether a folder holds files named the Canvas or Moodle way (first two levels)."""
    names = [p.relative_to(folder).as_posix() for p in folder.glob("*")]
    names += [p.relative_to(folder).as_posix() for p in folder.glob("*/*")]
    return any((i := parse_name(_display(n))) is not None and i.lms for n in names)


def _common_top(entries: list[Entry]) -> str | None:
    """The one folder every entry is in, when it is not itself a student's folder."""
    tops = {e.name.split("/", 1)[0] for e in entries}
    if len(tops) == 1 and all("/" in e.name for e in entries):
        top = tops.pop()
        return None if _MOODLE_DIR.fullmatch(top) else top
    return None


def _notes(chosen: Identity, others: list[Identity]) -> list[str]:
    system = {"canvas": "Canvas", "moodle": "Moodle"}.get(chosen.lms, "")
    notes = []
    if chosen.late:
        notes.append(f"{system} marked this submission LATE.")
    if chosen.lms == "canvas" and _RESUBMITTED.search(Path(chosen.file).stem):
        notes.append(f"{chosen.file} was handed in again ({system} added the -N to its name).")
    for other in others:
        notes.append(f"{other.file} was not graded: a newer file, {chosen.file}, counts.")
    return notes


def _target(dest: Path, student: str, used: set[str]) -> tuple[str, Path]:
    base = student.encode("utf-8")[:150].decode("utf-8", "ignore") or "student"
    key, n = base, 1
    while key.casefold() in used:
        n += 1
        key = f"{base}-{n}"
    used.add(key.casefold())
    return key, dest / key / f"{key}.ipynb"


def _write(entry: Entry, path: Path, source: str) -> None:
    try:
        with entry.open() as handle:
            data = handle.read(MAX_BYTES + 1)  # a larger notebook is reported as too large
    except _READ_ERRORS as exc:
        raise TeacherError(f"{source} is damaged: {entry.name!r} cannot be read ({exc})") from None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def collect(entries: list[Entry], dest: Path, source: str, used: set[str] | None = None) -> list[Collected]:
    """Write the newest notebook of each student to ``dest/<id>/<id>.ipynb``, in id order.

    Parameters
    ----------
    entries : list of Entry
        From :func:`zip_entries` or :func:`folder_entries`.
    dest : Path
        Folder to write (inside the grader's output folder).
    source : str
        The zip or folder, for notes and messages.
    used : set of str, optional
        Ids already taken by other sources of the same batch.
    """
    used = set() if used is None else used
    top = _common_top(entries)
    groups: dict[tuple[str, str], list[tuple[Identity, Entry]]] = {}
    for entry in entries:
        name = entry.name.split("/", 1)[1] if top else entry.name
        identity = parse_name(name, entry.modified)
        if identity and identity.file.lower().endswith(".ipynb"):
            groups.setdefault((identity.lms, identity.student), []).append((identity, entry))
    out = []
    for (_, student), files in sorted(groups.items(), key=lambda g: (g[0][1], g[0][0])):
        files.sort(key=lambda pair: pair[0].rank)
        chosen, entry = files[-1]
        key, path = _target(dest, _printable(student), used)
        _write(entry, path, source)
        older = [i for i, _ in reversed(files[:-1])]
        out.append(Collected(chosen, path, source, _notes(chosen, older)))
    return out


def prepare(paths: list[Path], out: Path) -> tuple[list[Path], list[Collected]]:
    """What to grade: zips and LMS folders collected into ``out/submissions``, the rest as given.

    Raises
    ------
    TeacherError
        A zip that is damaged, refused or holds no notebook.
    """
    graded, collected, used = [], [], set()
    for path in paths:
        if path.is_file() and path.suffix.lower() == ".zip":
            entries = zip_entries(path)
        elif path.is_dir() and is_lms_folder(path):
            entries = folder_entries(path, exclude=out)  # never the grader's own output
        else:
            graded.append(path)
            continue
        found = collect(entries, out / "submissions", str(path), used)
        if not found:
            raise TeacherError(f"{path} holds no notebook (.ipynb file) among its "
                               f"{len(entries)} file(s)")
        collected += found
    return graded + [c.path for c in collected], collected


def annotate(out: Path, collected: list[Collected], records: list[dict[str, Any]]) -> None:
    """Add each student's display name and LMS notes to their result, feedback and gradebook row.

    Run after grading: ``records`` are the batch's records (changed in place);
    the result and feedback files are found by the notebook they came from.
    """
    from helpers.grading.report import feedback_html, gradebook_csv, write_atomic, write_json_atomic

    by_file = {c.path.resolve(): c for c in collected}
    mine = {}
    for record in records:
        found = by_file.get(Path(record.get("file", "")).resolve())
        if found:
            record["name"] = found.identity.name
            record["lms"] = found.as_json()
            record["notes"] = list(record.get("notes") or [])
            record["notes"] += [n for n in found.notes if n not in record["notes"]]
            mine[str(Path(record["file"]).resolve())] = record
    for result in sorted((out / "results").glob("*.json")):
        try:
            stored = json.loads(result.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        record = mine.get(str(Path(str(stored.get("file", ""))).resolve())) if isinstance(stored, dict) else None
        if record is not None and record != stored:  # unchanged on a resumed run
            write_atomic(out / "feedback" / f"{result.stem}.html", feedback_html(record))
            write_json_atomic(result, record)
    columns: dict[str, float] = {}
    for record in records:
        for q in record.get("questions", []):
            columns.setdefault(q["id"], q["max"])
    write_atomic(out / "gradebook.csv", gradebook_csv(records, list(columns.items())))
