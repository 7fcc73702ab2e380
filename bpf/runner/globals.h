/* SPDX-License-Identifier: GPL-2.0 */
/* Global variables set before load (--set name=value): the libbpf skeleton's
 * skel->rodata->x = …, done from the object's BTF. */
#ifndef RUNNER_GLOBALS_H
#define RUNNER_GLOBALS_H

#include <stdbool.h>
#include <bpf/libbpf.h>

#define MAX_GLOBALS 8

/* The --set options, as given (name=value; the value is split at the first '='). */
struct globals {
	const char *sets[MAX_GLOBALS];
	int n;
};

/* Adds one "name=value"; false when there are too many or it has no '='. */
bool globals_add(struct globals *g, const char *set);

/* Writes every variable into its section's initial value (after open, before load).
 * Each one set gets a "global" event; the first that cannot be set gets an
 * {"type":"error","stage":"config",…} event and the result is false. */
bool globals_apply(struct bpf_object *obj, const struct globals *g);

#endif
