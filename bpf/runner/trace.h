/* SPDX-License-Identifier: GPL-2.0 */
/* bpf_printk output through a tracefs instance of our own: "printk" events. */
#ifndef RUNNER_TRACE_H
#define RUNNER_TRACE_H

#include "output.h"

/* Creates instances/taller-ebpf-<pid>, enables bpf_trace_printk in it and opens its
 * trace_pipe as an output channel. Returns 0 or a negative errno (then nothing is
 * left behind and *out is untouched). */
int trace_open(struct output *out);

#endif
