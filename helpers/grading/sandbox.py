"""Kernel launcher of the grader: limits and a file-system sandbox, then a normal IPython kernel.

Run as a script (the grader's kernelspec ``argv``), never imported by the kernel::

    python .../helpers/grading/sandbox.py --memory MB --cpu SECONDS --work DIR [--read DIR]...
                                          -- -f {connection_file}

Before any student code exists in the process it

- sets resource limits: address space (``--memory``, a huge allocation raises MemoryError or
  kills only this kernel), CPU time (``--cpu``: a backstop far above the per-cell limits the
  worker applies; SIGXCPU ends the kernel), no core files, files at most 64 MB, 512 open files;
- on Linux with Landlock (kernel 5.13+, unprivileged), restricts the file system: read and
  execute only below the Python installation, the system folders and the ``--read`` folders
  (the course's ``helpers`` package), write only below ``--work`` (the submission's own temporary
  folder: working directory, HOME, Jupyter/IPython/matplotlib state) and /dev/null; with
  Landlock ABI 6+ also no signals to, and no abstract sockets of, processes outside the sandbox
  (the grader, the other students' kernels). Where Landlock is missing the limits still apply
  and the grader says so once (``sandbox: none`` in the worker's report).

Then it runs ``ipykernel_launcher`` with the arguments after ``--``.
"""

import ctypes
import os
import resource
import sys

# Landlock (linux/landlock.h, Documentation/userspace-api/landlock.rst). The three system calls
# have the same numbers on every Linux architecture (they were added in 5.13, after the
# syscall tables were unified): landlock_create_ruleset(2) = 444, landlock_add_rule(2) = 445,
# landlock_restrict_self(2) = 446.
SYS_LANDLOCK_CREATE_RULESET = 444
SYS_LANDLOCK_ADD_RULE = 445
SYS_LANDLOCK_RESTRICT_SELF = 446
# landlock_create_ruleset(NULL, 0, LANDLOCK_CREATE_RULESET_VERSION) returns the ABI version
LANDLOCK_CREATE_RULESET_VERSION = 1 << 0
# landlock_add_rule(ruleset, LANDLOCK_RULE_PATH_BENEATH, &struct landlock_path_beneath_attr, 0)
LANDLOCK_RULE_PATH_BENEATH = 1
# prctl(2) option (linux/prctl.h): required before landlock_restrict_self without CAP_SYS_ADMIN
PR_SET_NO_NEW_PRIVS = 38
# ABI versions that add rights or scopes: REFER (2), TRUNCATE (3), signal and abstract-socket
# scoping (6); struct landlock_ruleset_attr grows with them
ABI_REFER, ABI_TRUNCATE, ABI_SCOPE = 2, 3, 6

# Landlock file-system rights (LANDLOCK_ACCESS_FS_*)
EXECUTE, WRITE_FILE, READ_FILE, READ_DIR = 1 << 0, 1 << 1, 1 << 2, 1 << 3
REMOVE_DIR, REMOVE_FILE, MAKE_CHAR, MAKE_DIR, MAKE_REG = 1 << 4, 1 << 5, 1 << 6, 1 << 7, 1 << 8
MAKE_SOCK, MAKE_FIFO, MAKE_BLOCK, MAKE_SYM = 1 << 9, 1 << 10, 1 << 11, 1 << 12
REFER, TRUNCATE = 1 << 13, 1 << 14
SCOPE_ABSTRACT_UNIX_SOCKET, SCOPE_SIGNAL = 1 << 0, 1 << 1  # LANDLOCK_SCOPE_*
READ = EXECUTE | READ_FILE | READ_DIR
FILE_RIGHTS = EXECUTE | WRITE_FILE | READ_FILE | TRUNCATE
SYSTEM_READ = ("/usr", "/lib", "/lib32", "/lib64", "/libx32", "/bin", "/sbin", "/etc", "/opt",
               "/proc", "/sys", "/dev", "/run/systemd/resolve")


CPU_HARD_MARGIN = 10  # seconds between SIGXCPU (soft RLIMIT_CPU) and SIGKILL (hard)


def set_limits(memory_mb, cpu_seconds=0):
    limits = [(resource.RLIMIT_CORE, 0, 0), (resource.RLIMIT_FSIZE, 64 << 20, 64 << 20),
              (resource.RLIMIT_NOFILE, 512, 512)]
    if memory_mb:
        limits.append((resource.RLIMIT_AS, int(memory_mb) << 20, int(memory_mb) << 20))
    if cpu_seconds:
        limits.append((resource.RLIMIT_CPU, int(cpu_seconds), int(cpu_seconds) + CPU_HARD_MARGIN))
    for which, soft, hard in limits:
        try:
            _, current = resource.getrlimit(which)
            if current != resource.RLIM_INFINITY:
                soft, hard = min(soft, current), min(hard, current)
            resource.setrlimit(which, (soft, hard))
        except (ValueError, OSError):
            pass


def _syscall():
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    return libc, libc.syscall


def landlock_abi():
    """The Landlock ABI version this kernel offers (0: none, not Linux, or switched off with
    LANDAUER_GRADER_SANDBOX=off)."""
    if not sys.platform.startswith("linux") or os.environ.get("LANDAUER_GRADER_SANDBOX") == "off":
        return 0
    try:
        _, syscall = _syscall()
        abi = syscall(SYS_LANDLOCK_CREATE_RULESET, None, ctypes.c_size_t(0),
                      ctypes.c_uint32(LANDLOCK_CREATE_RULESET_VERSION))
    except (OSError, AttributeError):
        return 0
    return max(0, abi)


def landlock(read_dirs, write_dirs, write_files):
    """Restrict this process and its children; returns the Landlock ABI used (0: none)."""
    if not sys.platform.startswith("linux"):
        return 0
    libc, syscall = _syscall()
    abi = syscall(SYS_LANDLOCK_CREATE_RULESET, None, ctypes.c_size_t(0),
                  ctypes.c_uint32(LANDLOCK_CREATE_RULESET_VERSION))
    if abi < 1:
        return 0
    handled = (READ | WRITE_FILE | REMOVE_DIR | REMOVE_FILE | MAKE_CHAR | MAKE_DIR | MAKE_REG
               | MAKE_SOCK | MAKE_FIFO | MAKE_BLOCK | MAKE_SYM)
    if abi >= ABI_REFER:
        handled |= REFER
    if abi >= ABI_TRUNCATE:
        handled |= TRUNCATE
    fields = [handled]  # struct landlock_ruleset_attr: handled_access_fs, _net, scoped
    if abi >= ABI_SCOPE:
        fields += [0, SCOPE_ABSTRACT_UNIX_SOCKET | SCOPE_SIGNAL]
    attr = (ctypes.c_uint64 * len(fields))(*fields)
    ruleset = syscall(SYS_LANDLOCK_CREATE_RULESET, ctypes.byref(attr),
                      ctypes.c_size_t(ctypes.sizeof(attr)), ctypes.c_uint32(0))
    if ruleset < 0:
        return 0

    class PathBeneath(ctypes.Structure):
        _pack_ = 1
        _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]

    def allow(path, rights):
        try:
            fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
        except OSError:
            return
        try:
            if not os.path.isdir(path):
                rights &= FILE_RIGHTS
            rule = PathBeneath(rights & handled, fd)
            syscall(SYS_LANDLOCK_ADD_RULE, ctypes.c_int(ruleset),
                    ctypes.c_int(LANDLOCK_RULE_PATH_BENEATH), ctypes.byref(rule),
                    ctypes.c_uint32(0))
        finally:
            os.close(fd)

    for path in read_dirs:
        allow(path, READ)
    for path in write_dirs:
        allow(path, handled)
    for path in write_files:
        allow(path, READ_FILE | WRITE_FILE | TRUNCATE)
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        os.close(ruleset)
        return 0
    done = syscall(SYS_LANDLOCK_RESTRICT_SELF, ctypes.c_int(ruleset), ctypes.c_uint32(0))
    os.close(ruleset)
    return abi if done == 0 else 0


def python_dirs():
    dirs = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
            os.path.dirname(os.path.realpath(sys.executable))}
    return sorted(d for d in dirs if d)


def kernel_reads(extra=()):
    """Every folder a sandboxed kernel may read: the system's, Python's and `extra` (the
    ``--read`` folders), besides its own ``--work`` folder."""
    return list(SYSTEM_READ) + python_dirs() + [str(p) for p in extra]


def readable_by_kernel(path, extra=()):
    """The folder of `kernel_reads(extra)` that holds `path` (resolved), None when none does:
    a kernel can then neither list nor read anything in `path`."""
    target = os.path.realpath(path)
    for folder in kernel_reads(extra):
        folder = os.path.realpath(folder)
        if target == folder or target.startswith(folder.rstrip(os.sep) + os.sep):
            return folder
    return None


def main(argv):
    split = argv.index("--")
    options, kernel_args = argv[:split], argv[split + 1:]
    memory, cpu, work, reads = 0, 0, None, []
    it = iter(options)
    for option in it:
        if option == "--memory":
            memory = int(next(it))
        elif option == "--cpu":
            cpu = int(next(it))
        elif option == "--work":
            work = next(it)
        elif option == "--read":
            reads.append(next(it))
    set_limits(memory, cpu)
    if work and os.environ.get("LANDAUER_GRADER_SANDBOX", "landlock") != "off":
        reads = kernel_reads(reads)
        landlock(reads, [work], ["/dev/null", "/dev/zero", "/dev/urandom", "/dev/random"])
    # running as a script put helpers/grading/ first on sys.path: the kernel must not see it
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != here]
    sys.argv = ["ipykernel_launcher"] + kernel_args
    import runpy
    runpy.run_module("ipykernel_launcher", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main(sys.argv[1:])
