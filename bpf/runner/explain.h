/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Why something failed, as codes and data for the server, which words them for the
 * learner (server/bpf/runner-events.ts lists every code). Each explain_* adds
 * "reason" (and the data that reason needs) to an event being written.
 */
#ifndef RUNNER_EXPLAIN_H
#define RUNNER_EXPLAIN_H

#include <stdarg.h>
#include <stdbool.h>
#include <bpf/libbpf.h>
#include "json.h"

/* libbpf's print callback: warnings become "libbpf" events (not the verifier log,
 * which has its own event, nor the RLIMIT_MEMLOCK hint, which is wrong on modern
 * kernels); the last one is kept for the open and load failures. */
int explain_libbpf_print(enum libbpf_print_level level, const char *fmt, va_list args);

/* bpf_object__open_file() failed: "open_failed", with btf_warning when libbpf's
 * last warning was about BTF (compiled without -g). */
void explain_open_failure(struct json *j, const char *path, int err);

/* bpf_object__load() failed: "verifier_rejected" when a verifier log was reported,
 * otherwise privileges or "load_failed". */
void explain_load_failure(struct json *j, int err, bool verifier_log);

/* bpf_program__attach() failed with err: is that "no auto-attach for this type"
 * (a "skipped" event) rather than a failure? */
bool explain_is_skip(const struct bpf_program *prog, int err);

/* Why a program has no auto-attach: "tail_call" (a program in a prog array, run by
 * bpf_tail_call() from another one), or by its type: "xdp", "socket_filter", … */
void explain_skip(struct json *j, struct bpf_object *obj, const struct bpf_program *prog);

/* Why attaching failed: "kprobes_missing", "target_missing", privileges, "system_error". */
void explain_attach_failure(struct json *j, const struct bpf_program *prog, int err);

#endif
