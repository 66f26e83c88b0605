"""Takes the network away from the process that runs public SPARQL queries (issue 10).

pyoxigraph performs SERVICE as a real HTTP request from its Rust core, and it has no option to
turn that off. The query check refuses SERVICE from the parsed query; this is the second wall,
for the day a parser and the store read a query differently. Called first thing in a fresh,
single-threaded worker process; never in a process that serves pages or runs tests.

What holds where:
- Linux, x86-64 and ARM64: a seccomp filter makes every socket other than a Unix socket fail
  with EACCES, and io_uring fail with ENOSYS (it could open sockets past the filter). It needs
  no privilege and works inside Docker and most container runtimes.
- Linux, also: a network namespace of its own (as root, or where user namespaces are allowed):
  only a loopback interface that is down, so not even 127.0.0.1 answers.
- Windows and macOS: neither exists; only the query check holds there.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import platform
import socket
import sys

#: Linux's numbers for the filter: the architecture seccomp reports and the system calls that
#: make a socket, per machine (from the kernel's uapi headers).
_ARCHITECTURES = {
    "x86_64": (0xC000003E, {"socket": 41, "socketpair": 53, "io_uring_setup": 425}),
    "aarch64": (0xC00000B7, {"socket": 198, "socketpair": 199, "io_uring_setup": 425}),
}
_X32_SYSCALL_BIT = 0x40000000  # x86-64's x32 ABI: the same calls under other numbers

# Classic BPF, as seccomp reads it (linux/filter.h, linux/seccomp.h).
_LD_W_ABS, _JEQ_K, _JGE_K, _RET_K = 0x20, 0x15, 0x35, 0x06
_RET_ALLOW = 0x7FFF0000
_RET_ERRNO = 0x00050000
_PR_SET_NO_NEW_PRIVS, _PR_SET_SECCOMP, _SECCOMP_MODE_FILTER = 38, 22, 2
_CLONE_NEWUSER, _CLONE_NEWNET = 0x10000000, 0x40000000
# Offsets in struct seccomp_data: nr, arch, then the arguments from 16 (little-endian low word).
_NR, _ARCH, _ARG0 = 0, 4, 16


class _Filter(ctypes.Structure):
    _fields_ = [("code", ctypes.c_ushort), ("jt", ctypes.c_ubyte), ("jf", ctypes.c_ubyte), ("k", ctypes.c_uint)]


class _Program(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_Filter))]


def _program(arch: int, calls: dict[str, int]) -> list[tuple[int, int, int, int]]:
    """The filter: a foreign architecture and x32 calls are refused, socket() and socketpair()
    only for AF_UNIX, io_uring not at all, everything else allowed."""
    deny = _RET_ERRNO | errno.EACCES
    return [
        (_LD_W_ABS, 0, 0, _ARCH),
        (_JEQ_K, 1, 0, arch),  # 1
        (_RET_K, 0, 0, _RET_ERRNO | errno.ENOSYS),  # 2: another architecture's calls
        (_LD_W_ABS, 0, 0, _NR),  # 3
        (_JGE_K, 7, 0, _X32_SYSCALL_BIT),  # 4 → 12
        (_JEQ_K, 3, 0, calls["socket"]),  # 5 → 9
        (_JEQ_K, 2, 0, calls["socketpair"]),  # 6 → 9
        (_JEQ_K, 4, 0, calls["io_uring_setup"]),  # 7 → 12
        (_RET_K, 0, 0, _RET_ALLOW),  # 8
        (_LD_W_ABS, 0, 0, _ARG0),  # 9: the address family
        (_JEQ_K, 0, 1, socket.AF_UNIX),  # 10
        (_RET_K, 0, 0, _RET_ALLOW),  # 11
        (_RET_K, 0, 0, deny),  # 12
    ]


def _libc():
    return ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)


def _seccomp() -> bool:
    known = _ARCHITECTURES.get(platform.machine().lower())
    if known is None or sys.byteorder != "little":
        return False
    rows = _program(*known)
    filters = (_Filter * len(rows))(*(_Filter(*row) for row in rows))
    program = _Program(len(rows), filters)
    libc = _libc()
    libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong]
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, None, 0, 0) != 0:
        return False
    return (
        libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.cast(ctypes.byref(program), ctypes.c_void_p), 0, 0)
        == 0
    )


def _network_namespace() -> bool:
    libc = _libc()
    if libc.unshare(_CLONE_NEWNET) == 0:
        return True
    return libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET) == 0  # without root, where user namespaces are allowed


def forbid_network() -> tuple[str, ...]:
    """Take outbound networking away from this process for good; the walls that held
    ("namespace", "seccomp"), none on a system that offers neither."""
    if not sys.platform.startswith("linux"):
        return ()
    held = []
    # The namespace first: unshare needs a process with one thread, which a fresh worker is.
    if _network_namespace():
        held.append("namespace")
    if _seccomp():
        held.append("seccomp")
    return tuple(held)
