/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Event channels: one output channel per BPF_MAP_TYPE_RINGBUF map (ring_buffer__*) and
 * per BPF_MAP_TYPE_PERF_EVENT_ARRAY map (perf_buffer__*). Each record becomes a row of
 * an "events" event, decoded field by field from the object's BTF:
 *
 *   {"type":"events","map":"events","kind":"ringbuf","struct":"event",
 *    "rows":[{"pid":12,"comm":"cat"},…],"dropped":0,"lost":0}
 *
 * The record's type, per map M (the first that exists in the object's BTF):
 *   1. the type of a global variable named M_event (a struct, or a pointer to one):
 *        struct exec_event *events_event __attribute__((unused));
 *   2. a struct named "event" (kept in BTF by any typed global, as bpf2go and
 *      libbpf-bootstrap users do: struct event *unused_event __attribute__((unused));).
 * A record smaller than that struct, or of a map without one, is a row
 * {"size":N,"bytes":"0x…"} ("struct":null).
 *
 * At most max_per_second rows per channel leave each second; the rest are counted in
 * "dropped" (the workshop's own limit, to keep the page responsive). "lost" counts what
 * the kernel could not write (the perf buffer's lost callback; the ring buffer has
 * none: a failed bpf_ringbuf_reserve() is seen only by the program). Both are totals.
 */
#ifndef RUNNER_EVENTS_H
#define RUNNER_EVENTS_H

#include <bpf/libbpf.h>
#include "output.h"

/* Opens a channel for each ring buffer and perf buffer map, after load, into outs[*n…max).
 * A channel that cannot be opened is a "warning" event ("events_unavailable"). */
void events_open(struct bpf_object *obj, struct output *outs, int *n, int max, int max_per_second);

#endif
