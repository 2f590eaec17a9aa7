"""The processes below this one, read from /proc (tests of what is left behind)."""

import os
import threading


def descendants(pid=None):
    """pid → (state, command) of every process below ``pid`` (default: this one)."""
    table = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat", "rb") as fh:
                    comm, rest = fh.read().rsplit(b")", 1)
                fields = rest.split()
                table[int(name)] = (int(fields[1]), fields[0].decode(), comm.split(b"(", 1)[1])
            except (OSError, IndexError):
                continue
    found, todo = {}, [pid or os.getpid()]
    while todo:
        parent = todo.pop()
        for child, (ppid, state, comm) in table.items():
            if ppid == parent and child not in found:
                found[child] = (state, comm.decode(errors="replace"))
                todo.append(child)
    return found


def helpers(found):
    """The long-lived helpers: multiprocessing's fork server and resource tracker (not the
    fork server's children, which share its command line)."""
    return {pid for pid in found if "resource_tracker" in cmdline(pid)
            or ("forkserver" in cmdline(pid) and "forkserver" not in cmdline(parent(pid)))}


def parent(pid):
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return int(fh.read().rsplit(b")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def cmdline(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            return fh.read().decode(errors="replace")
    except OSError:
        return ""


def cpu(pid):
    """CPU seconds ``pid`` has used (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            fields = fh.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0


def cpu_clock():
    """CPU seconds of this process and of the children it has reaped (a budgeted child forked
    by this process is reaped when its call ends): the unit of a budget, which a busy machine
    does not stretch as it stretches the wall clock."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), \
        resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def all_at_once(task, args_list, timeout: float) -> None:
    """``task(*args)`` for each of ``args_list``, each in its own thread, all started before
    any is waited for (each waited for at most ``timeout`` seconds)."""
    threads = [threading.Thread(target=task, args=args) for args in args_list]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout)
