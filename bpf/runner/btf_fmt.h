/* SPDX-License-Identifier: GPL-2.0 */
/* Formats a value as JSON from its BTF type: numbers as numbers (signed stay signed),
 * char arrays as strings, structs as objects, enums by name. */
#ifndef RUNNER_BTF_FMT_H
#define RUNNER_BTF_FMT_H

#include <stdbool.h>
#include <stdio.h>
#include <bpf/btf.h>

/* Without BTF (btf or type_id 0), 4- and 8-byte values are numbers and the rest hex.
 * Anonymous struct members get the key "" (the server names them). */
void btf_fmt_value(FILE *f, const struct btf *btf, __u32 type_id, const void *data, size_t size);

/* The type behind typedefs and qualifiers. */
__u32 btf_fmt_skip_mods(const struct btf *btf, __u32 id);

/* An unsigned integer of 1, 2, 4 or 8 bytes (0 for other sizes). */
/* Is type_id a data section (DATASEC) with at least one variable of the program's own
 * (a name that does not start with "__")? */
bool btf_fmt_datasec_shown(const struct btf *btf, __u32 type_id);

unsigned long long btf_fmt_read_uint(const void *data, int size);

#endif
