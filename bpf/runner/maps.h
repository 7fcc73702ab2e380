/* SPDX-License-Identifier: GPL-2.0 */
/* The object's maps as a "maps" event, formatted from BTF. */
#ifndef RUNNER_MAPS_H
#define RUNNER_MAPS_H

#include <stdbool.h>
#include <bpf/libbpf.h>

/* Emits {"type":"maps","final":…,"maps":[…]} when the maps changed since the last
 * call, or always when final. Objects without maps that can be listed emit nothing. */
void maps_report(struct bpf_object *obj, bool final);

/* Frees what maps_report() keeps between calls. */
void maps_forget(void);

#endif
