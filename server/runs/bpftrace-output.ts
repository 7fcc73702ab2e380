// The lines of bpftrace's own output that the server reads, written for every
// version learners have: Debian 12 (0.17), Ubuntu 24.04 (0.20), Debian 13
// (0.23), Fedora and Arch (0.21 and later, 0.24+ included). Each version's real
// wording, and where it was seen, is in tests/fixtures/bpftrace-output.ts.

/**
 * The probes are attached (or about to be): `Attaching 1 probe...` / `Attaching 2 probes...`
 * up to 0.23, printed just before attaching; `Attached 1 probe` / `Attached 2 probes` from
 * 0.24, printed just after (and on stderr, which the pty merges).
 */
export const ATTACHED_LINE = /^Attach(?:ing|ed) \d+ probes?\b/m;

/**
 * bpftrace could not raise RLIMIT_MEMLOCK and runs on anyway (BPF memory is charged to the
 * cgroup since Linux 5.11). `ERROR: …` up to 0.20, `WARNING: …` from 0.21 (in yellow from 0.23).
 */
export const MEMLOCK_LINE = /couldn't set RLIMIT_MEMLOCK/;

/**
 * From 0.23, bpftrace reports failed helper calls by default. `count()` and `sum()` insert a
 * new key with BPF_NOEXIST, so two CPUs adding the same key at once make one of them fail
 * with EEXIST, and bpftrace prints a block like
 *
 *     stdin:1:58-65: WARNING: File exists
 *     Additional Info - helper: map_update_elem, retcode: -17
 *     tracepoint:syscalls:sys_enter_openat { @[nsecs / 5000] = count(); }
 *                                                              ~~~~~~~
 *
 * (the source line and its marker only when the location is one line). The count of that
 * one event is lost; the program runs on. These match its lines once colours are removed.
 */
export const HELPER_EEXIST = {
  header: /^(?:\S+:\d+(?::\d+)?(?:-\d+)?: )?WARNING: File exists\s*$/,
  info: /^Additional Info - helper: map_update_elem, retcode: -17\s*$/,
  marker: /^ *~+ *$/,
} as const;
