"""What the sandbox holds: its command line, its mounts, and the staged course package.

The fork server runs in bubblewrap (see :mod:`helpers.grading.sandbox`) with
only the system (``/usr``, ``/lib``, a few ``/etc`` files), the Python
installation and its site-packages mounted read-only, and a staged copy of
``helpers/`` without ``helpers/keys/`` and without the modules that compute
keys (:data:`LEFT_OUT`) at ``/grader/lib``. The course
repository is never mounted; every installed copy of the course package in a
mounted folder (:func:`course_copies`) is covered by an empty directory.
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
from pathlib import Path

__all__ = ["LEFT_OUT", "bwrap_works", "stage_helpers", "course_copies"]

_HELPERS = Path(__file__).resolve().parent.parent
_ROOT = _HELPERS.parent
_LIB = "/grader/lib"
_ETC = ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime", "fonts", "alternatives")
_BOOT = ("import sys; sys.path.insert(0, {lib!r}); "
         "from helpers.grading.forkserver import main; main()")


def bwrap_works() -> bool:
    """Whether bubblewrap is installed and can create a sandbox here."""
    if not shutil.which("bwrap"):
        return False
    probe = ["bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--unshare-all",
             "--die-with-parent", "true"]
    try:
        return subprocess.run(probe, capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


#: What the staged copy of ``helpers/`` leaves out: the keys, whatever computes a key
#: (the question templates, practice built on them, the generator that writes keys), caches.
LEFT_OUT = ("keys", "templates", "generate.py", "versions.py", "__pycache__",
            "*.pyc", "*.json")


def stage_helpers(dest: Path) -> Path:
    """Copy the ``helpers`` package to ``dest/helpers``, without keys, key makers or caches."""
    ignore = shutil.ignore_patterns(*LEFT_OUT)
    target = dest / "helpers"
    shutil.copytree(_HELPERS, target, ignore=ignore)
    for path in [dest, *dest.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return target


def _covered(path: Path, roots: list[Path]) -> bool:
    return any(path == r or r in path.parents for r in roots)


_SITE_DIRS = ("lib/python3*/site-packages", "lib/python3*/dist-packages", "lib/python3/dist-packages",
              "local/lib/python3*/site-packages", "local/lib/python3*/dist-packages")


def course_copies(roots: list[Path]) -> list[Path]:
    """Every installed copy of the course package under ``roots`` (each may hold the keys).

    An editable install leaves only a pointer to the repository; ``pip
    install .`` copies ``helpers/`` with ``helpers/keys/`` into a
    site-packages (or a system dist-packages) folder. The sandbox lays an
    empty folder over each copy found here.
    """
    folders = {Path(p) for p in sys.path if p}
    folders |= {Path(p) for p in site.getsitepackages() + [site.getusersitepackages()]}
    for root in roots:
        for pattern in _SITE_DIRS:
            folders |= set(root.glob(pattern))
    found = set()
    for folder in folders:
        package = folder / "helpers"
        if (package / "keys").is_dir() or (package / "grading").is_dir() or \
                (package / "checks.py").is_file():
            found.add(package.resolve())
    return sorted(found)


def _bwrap_command(lib: Path, fd: int, root_mode: bool, tmp_mb: int, uid_base: int) -> list[str]:
    # The private /tmp comes first: bubblewrap mounts in order, and a tmpfs laid over /tmp
    # after the binds would hide a Python or venv that lives under /tmp (a CI checkout).
    args = ["bwrap", "--perms", "0755" if root_mode else "1777", "--size", str(tmp_mb * 2**20),
            "--tmpfs", "/tmp", "--ro-bind", "/usr", "/usr"]
    for name in ("bin", "sbin", "lib", "lib32", "lib64"):
        path = Path("/", name)
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), str(path)]
        elif path.is_dir():
            args += ["--ro-bind", str(path), str(path)]
    for name in _ETC:
        if Path("/etc", name).exists():
            args += ["--ro-bind", f"/etc/{name}", f"/etc/{name}"]
    mounts = [Path(p).resolve() for p in {sys.prefix, sys.base_prefix} if p]
    mounts += [Path(p).resolve() for p in sys.path if p and Path(p).is_dir()
               and "site-packages" in p]
    system = [Path("/usr")]
    hidden = [p for p in (_ROOT, _HELPERS, *course_copies(mounts + system))
              if _covered(p, mounts + system)]
    mounts = sorted(set(mounts), key=lambda p: len(p.parts))
    mounts = [m for i, m in enumerate(mounts) if not _covered(m, mounts[:i])]
    made: set[Path] = set()
    for mount in mounts:
        if _covered(mount, system) or _ROOT == mount or mount in _ROOT.parents:
            continue
        for parent in reversed(mount.parents):
            if parent != Path("/") and parent not in made and not _covered(parent, system):
                args += ["--perms", "0755", "--dir", str(parent)]
                made.add(parent)
        args += ["--ro-bind", str(mount), str(mount)]
    for path in hidden:  # an installed or editable copy of helpers holds the keys
        args += ["--tmpfs", str(path)]
    args += ["--perms", "0755", "--dir", str(Path(_LIB).parent), "--ro-bind", str(lib), _LIB,
             "--proc", "/proc", "--dev", "/dev",
             "--die-with-parent", "--new-session", "--hostname", "grader", "--clearenv"]
    if root_mode:
        args += ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts",
                 "--unshare-cgroup-try"]
        for cap in ("CAP_SETUID", "CAP_SETGID", "CAP_KILL", "CAP_DAC_OVERRIDE", "CAP_FOWNER",
                    "CAP_CHOWN"):
            args += ["--cap-add", cap]
    else:
        args += ["--unshare-user", "--unshare-all"]  # each child forbids user namespaces itself
    for key, value in _environment("/tmp").items():
        args += ["--setenv", key, value]
    return args + ["--", sys.executable, "-I", "-B", "-c", _BOOT.format(lib=_LIB), str(fd),
                   str(uid_base if root_mode else 0)]


def _environment(tmp: str) -> dict[str, str]:
    return {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": tmp, "TMPDIR": tmp,
            "MPLBACKEND": "Agg", "MPLCONFIGDIR": f"{tmp}/mpl", "OPENBLAS_NUM_THREADS": "1",
            "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def _covered(path: Path, roots: list[Path]) -> bool:
    return any(path == r or r in path.parents for r in roots)


