"""Namespaces of its own for each submission (child side, Linux).

Runs in the forked child of the fork server (:mod:`helpers.grading.forkserver`),
after it has become its own user, and before any submission code:

1. ``unshare`` a new user, mount, IPC, PID, network and hostname namespace.
   The child's uid is mapped to itself, nothing else is mapped.
2. In the new mount namespace: every mount becomes read-only (on kernels
   before 5.12, only the shared ``/tmp``), a private folder of bounded size
   is laid over the jobs folder (the working directory lives in it, other
   submissions' folders are hidden), another over ``/dev/shm``, and, once in
   the new PID namespace, a fresh ``/proc`` shows only the submission's own
   processes (where the kernel allows it: not under bubblewrap, whose
   ``/proc`` has parts laid over it).
3. Every capability is dropped, ``no_new_privs`` is set, and a seccomp
   filter makes every attempt to create a user namespace fail
   (``unshare``/``clone`` with ``CLONE_NEWUSER``; ``clone3``, whose flags a
   filter cannot read, fails as if the kernel were older and the C library
   falls back to ``clone``). Without capabilities it cannot ``chroot`` or
   mount either.
4. A small init process (PID 1 of the namespace, no submission code) runs
   the submission as PID 2, reaps everything, and reports how it ended;
   the child relays that exit (code or signal) to the fork server.

So a submission cannot see, signal or read another's processes, System V
IPC objects or files, even when all run as one user, and all of it
disappears with it. When the kernel refuses (unprivileged user namespaces
disabled), :func:`run_isolated` returns False and the caller runs the
submission without them.
"""

from __future__ import annotations

import ctypes
import os
import signal
import struct
from collections.abc import Callable

__all__ = ["NAMESPACES", "available", "run_isolated", "drop_privileges", "forbid_user_namespaces"]

_CLONE = {"mount": 0x00020000, "uts": 0x04000000, "ipc": 0x08000000, "user": 0x10000000,
          "pid": 0x20000000, "net": 0x40000000}
#: Namespaces each submission gets of its own.
NAMESPACES = tuple(_CLONE)
_MS_RDONLY, _MS_NOSUID, _MS_NODEV, _MS_NOEXEC = 1, 2, 4, 8
_MS_REMOUNT, _MS_BIND, _MS_REC, _MS_PRIVATE = 32, 4096, 1 << 14, 1 << 18
_PR_SET_NO_NEW_PRIVS, _PR_SET_PDEATHSIG, _PR_SET_DUMPABLE = 38, 1, 4
_CAP_VERSION_3 = 0x20080522


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def _check(result: int) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, os.strerror(errno))


def _write(path: str, text: str) -> None:
    with open(path, "w") as handle:
        handle.write(text)


def _unshare(libc: ctypes.CDLL) -> None:
    uid, gid = os.geteuid(), os.getegid()
    flags = 0
    for value in _CLONE.values():
        flags |= value
    _check(libc.unshare(flags))
    # /proc/self of a process that is not dumpable belongs to root: open it up to write the maps
    _check(libc.prctl(_PR_SET_DUMPABLE, 1, 0, 0, 0))
    try:
        _write("/proc/self/setgroups", "deny")
        _write("/proc/self/uid_map", f"{uid} {uid} 1")
        _write("/proc/self/gid_map", f"{gid} {gid} 1")
    except OSError:
        os._exit(71)  # half in a namespace without a map: never run anything like that
    finally:
        libc.prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)


def _mount(libc: ctypes.CDLL, source: str, target: str, kind: str | None, flags: int,
           data: str | None = None) -> None:
    _check(libc.mount(source.encode(), target.encode(), kind.encode() if kind else None,
                      ctypes.c_ulong(flags), data.encode() if data else None))


#: (audit arch, unshare, clone, clone3) system call numbers per machine.
_SYSCALLS = {"x86_64": (0xC000003E, 272, 56, 435), "aarch64": (0xC00000B7, 97, 220, 435)}
_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER = 22, 2
_RET_ALLOW, _RET_ERRNO, _EPERM, _ENOSYS = 0x7FFF0000, 0x00050000, 1, 38


def _no_user_namespaces_filter() -> bytes | None:
    """A seccomp program: ``unshare``/``clone`` with a new user namespace fail, ``clone3`` too."""
    numbers = _SYSCALLS.get(os.uname().machine)
    if numbers is None:
        return None
    arch, unshare, clone, clone3 = numbers
    ld_w_abs, jeq_k, jset_k, ret_k = 0x20, 0x15, 0x45, 0x06
    program = [
        (ld_w_abs, 0, 0, 4), (jeq_k, 1, 0, arch), (ret_k, 0, 0, _RET_ALLOW),
        (ld_w_abs, 0, 0, 0),
        (jeq_k, 3, 0, unshare), (jeq_k, 2, 0, clone), (jeq_k, 5, 0, clone3),
        (ret_k, 0, 0, _RET_ALLOW),
        (ld_w_abs, 0, 0, 16), (jset_k, 0, 1, _CLONE["user"]),  # flags: first argument
        (ret_k, 0, 0, _RET_ERRNO | _EPERM), (ret_k, 0, 0, _RET_ALLOW),
        (ret_k, 0, 0, _RET_ERRNO | _ENOSYS),
    ]
    return b"".join(struct.pack("HBBI", *op) for op in program)


def forbid_user_namespaces(libc: ctypes.CDLL | None = None) -> bool:
    """Make creating a user namespace fail for this process and its children, for good.

    Returns False on a machine whose system call numbers are not known here.
    """
    libc = libc or _libc()
    code = _no_user_namespaces_filter()
    if code is None:
        return False
    _check(libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
    buffer = ctypes.create_string_buffer(code, len(code))
    program = struct.pack("HxxxxxxP", len(code) // 8, ctypes.addressof(buffer))
    _check(libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.c_char_p(program), 0, 0))
    return True


def drop_privileges(libc: ctypes.CDLL | None = None) -> None:
    """Drop every capability, set ``no_new_privs``, forbid new user namespaces."""
    libc = libc or _libc()
    header = ctypes.create_string_buffer(struct.pack("Ii", _CAP_VERSION_3, 0))
    data = ctypes.create_string_buffer(bytes(24))  # two empty capability sets
    _check(libc.capset(header, data))
    forbid_user_namespaces(libc)


def available(uid: int | None = None) -> bool:
    """Whether a child (as ``uid``) could enter namespaces of its own here (tried in a fork)."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the probe child
        try:
            if uid:
                os.setgroups([])
                os.setresgid(uid, uid, uid)
                os.setresuid(uid, uid, uid)
            _unshare(_libc())
            os._exit(0)
        except BaseException:  # noqa: BLE001
            os._exit(1)
    _, status = os.waitpid(pid, 0)
    return os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0


def _relay(status: int) -> None:
    """End this process the way a waited-for process ended (code or signal)."""
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        signal.signal(sig, signal.SIG_DFL)
        os.kill(os.getpid(), sig)
    os._exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 70)


def _init(libc: ctypes.CDLL, workdir: str, run: Callable[[], None], report: int) -> None:
    """PID 1 of the new namespace: mount /proc, run the submission, reap, report. Never returns."""
    status = 70 << 8
    try:
        _check(libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0))
        try:
            _mount(libc, "proc", "/proc", "proc", _MS_NOSUID | _MS_NODEV | _MS_NOEXEC)
        except OSError:  # a /proc with parts laid over (bubblewrap's) cannot be mounted again
            pass
        os.makedirs(workdir, mode=0o700, exist_ok=True)
        worker = os.fork()
        if worker == 0:
            try:
                os.close(report)
                drop_privileges(libc)
                os.chdir(workdir)
                run()
            finally:
                os._exit(70)
        while True:
            pid, status = os.waitpid(-1, 0)
            if pid == worker:
                break
        try:
            os.kill(-1, signal.SIGKILL)  # whatever it left behind in its namespace
        except OSError:
            pass
        while True:
            try:
                os.waitpid(-1, 0)
            except ChildProcessError:
                break
    finally:
        # init cannot end itself with the worker's signal: the raw status goes up a pipe
        os.write(report, struct.pack("i", status))
        os._exit(0)


_SYS_MOUNT_SETATTR, _AT_FDCWD, _AT_RECURSIVE, _MOUNT_ATTR_RDONLY = 442, -100, 0x8000, 1


def _read_only_everywhere(libc: ctypes.CDLL) -> bool:
    """Make every mount this process sees read-only (``mount_setattr``, Linux 5.12 and later)."""
    attr = ctypes.create_string_buffer(struct.pack("QQQQ", _MOUNT_ATTR_RDONLY, 0, 0, 0))
    result = libc.syscall(_SYS_MOUNT_SETATTR, _AT_FDCWD, b"/", _AT_RECURSIVE, attr, 32)
    return result == 0


def run_isolated(jobs: str, workdir: str, tmp_mb: int, run: Callable[[], None]) -> bool:
    """Run ``run()`` in namespaces of its own, then end this process as it ended.

    Parameters
    ----------
    jobs : str
        The folder all submissions' working folders are in; a private one of
        ``tmp_mb`` MB is laid over it.
    workdir : str
        The submission's working directory, created inside ``jobs``.
    tmp_mb : int
        Size of that private ``/tmp`` in MB.
    run : callable
        Runs the submission; it should end the process itself.

    Returns
    -------
    bool
        False when the namespaces could not be made (nothing was changed);
        otherwise it never returns.
    """
    libc = _libc()
    try:
        _unshare(libc)
    except OSError:
        return False
    _mount(libc, "none", "/", None, _MS_REC | _MS_PRIVATE)
    if not _read_only_everywhere(libc):  # a kernel before 5.12: at least the shared /tmp
        _mount(libc, "/tmp", "/tmp", None, _MS_BIND | _MS_REC)
        _mount(libc, "none", "/tmp", None, _MS_REMOUNT | _MS_BIND | _MS_RDONLY | _MS_NOSUID | _MS_NODEV)
    _mount(libc, "tmpfs", jobs, "tmpfs", _MS_NOSUID | _MS_NODEV, f"size={tmp_mb}m,mode=0755")
    if os.path.isdir("/dev/shm"):  # POSIX shared memory of its own too
        _mount(libc, "tmpfs", "/dev/shm", "tmpfs", _MS_NOSUID | _MS_NODEV, f"size={tmp_mb}m,mode=1777")
    report_r, report_w = os.pipe()
    init = os.fork()
    if init == 0:
        os.close(report_r)
        _init(libc, workdir, run, report_w)
    os.close(report_w)
    _, status = os.waitpid(init, 0)
    data = os.read(report_r, 4)
    _relay(struct.unpack("i", data)[0] if len(data) == 4 else status)
    return True
