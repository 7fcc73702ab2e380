// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include "btf_fmt.h"
#include "json.h"
#include "maps.h"

#define MAX_ENTRIES_SHOWN 512

/* The last "maps" array sent, to send only changes. */
static char *last_sent;

static bool dumpable(enum bpf_map_type type)
{
	switch (type) {
	case BPF_MAP_TYPE_HASH:
	case BPF_MAP_TYPE_ARRAY:
	case BPF_MAP_TYPE_PERCPU_HASH:
	case BPF_MAP_TYPE_PERCPU_ARRAY:
	case BPF_MAP_TYPE_LRU_HASH:
	case BPF_MAP_TYPE_LRU_PERCPU_HASH:
		return true;
	default:
		return false;
	}
}

static bool percpu(enum bpf_map_type type)
{
	return type == BPF_MAP_TYPE_PERCPU_HASH || type == BPF_MAP_TYPE_PERCPU_ARRAY ||
	       type == BPF_MAP_TYPE_LRU_PERCPU_HASH;
}

static bool all_zero(const void *p, size_t n)
{
	const unsigned char *c = p;
	for (size_t i = 0; i < n; i++)
		if (c[i])
			return false;
	return true;
}

/* A per-CPU value: integer counters are summed (the total is what counts), anything
 * else is an array with one value per CPU. */
static void fmt_percpu(FILE *f, const struct btf *btf, __u32 vid, const void *val, __u32 vsz, int ncpu,
		       size_t stride)
{
	__u32 id = btf ? btf_fmt_skip_mods(btf, vid) : 0;
	const struct btf_type *t = id ? btf__type_by_id(btf, id) : NULL;
	if ((t && btf_is_int(t) && t->size <= 8) || (!t && (vsz == 4 || vsz == 8))) {
		unsigned long long sum = 0;
		for (int c = 0; c < ncpu; c++)
			sum += btf_fmt_read_uint((const char *)val + c * stride, vsz);
		fprintf(f, "%llu", sum);
		return;
	}
	fputc('[', f);
	for (int c = 0; c < ncpu; c++) {
		if (c)
			fputc(',', f);
		btf_fmt_value(f, btf, vid, (const char *)val + c * stride, vsz);
	}
	fputc(']', f);
}

/* One map: {"name":…,"type":…,"entries":[{"key":…,"value":…},…],"truncated":…}. */
static void fmt_map(FILE *f, const struct btf *btf, struct bpf_map *map)
{
	enum bpf_map_type type = bpf_map__type(map);
	bool is_array = type == BPF_MAP_TYPE_ARRAY || type == BPF_MAP_TYPE_PERCPU_ARRAY;
	int fd = bpf_map__fd(map);
	__u32 ksz = bpf_map__key_size(map), vsz = bpf_map__value_size(map);
	__u32 kid = bpf_map__btf_key_type_id(map), vid = bpf_map__btf_value_type_id(map);
	int ncpu = percpu(type) ? libbpf_num_possible_cpus() : 1;
	size_t stride = percpu(type) ? ((vsz + 7) & ~7u) : vsz;
	void *key = calloc(1, ksz), *next = calloc(1, ksz), *val = calloc(ncpu, stride);
	int shown = 0;
	bool truncated = false;

	fputs("{\"name\":", f);
	json_cstr(f, bpf_map__name(map));
	fputs(",\"type\":", f);
	json_cstr(f, libbpf_bpf_map_type_str(type));
	fputs(",\"entries\":[", f);
	for (void *prev = NULL; key && next && val && !bpf_map_get_next_key(fd, prev, next); prev = key) {
		memcpy(key, next, ksz);
		if (bpf_map_lookup_elem(fd, key, val))
			continue;
		if (is_array && all_zero(val, ncpu * stride))
			continue; /* arrays always hold every index: show only what was written */
		if (shown == MAX_ENTRIES_SHOWN) {
			truncated = true;
			break;
		}
		if (shown++)
			fputc(',', f);
		fputs("{\"key\":", f);
		btf_fmt_value(f, btf, kid, key, ksz);
		fputs(",\"value\":", f);
		if (ncpu > 1)
			fmt_percpu(f, btf, vid, val, vsz, ncpu, stride);
		else
			btf_fmt_value(f, btf, vid, val, vsz);
		fputc('}', f);
	}
	fprintf(f, "],\"truncated\":%s}", truncated ? "true" : "false");
	free(key);
	free(next);
	free(val);
}

/* A global variables' section (.bss, .data, .rodata) with a variable of the program's
 * own: shown by variable name. Other internal maps (.kconfig, string literals) are not. */
static bool data_section(const struct btf *btf, struct bpf_map *map)
{
	static const char *const secs[] = { ".bss", ".data", ".rodata" };
	const char *name = bpf_map__name(map);
	size_t nl = strlen(name);
	for (size_t i = 0; i < sizeof(secs) / sizeof(secs[0]); i++) {
		size_t sl = strlen(secs[i]);
		if (nl >= sl && !strcmp(name + nl - sl, secs[i]))
			return btf_fmt_datasec_shown(btf, bpf_map__btf_value_type_id(map));
	}
	return false;
}

void maps_report(struct bpf_object *obj, bool final)
{
	const struct btf *btf = bpf_object__btf(obj);
	struct bpf_map *map;
	char *buf = NULL;
	size_t len = 0;
	int n = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return;
	fputc('[', f);
	bpf_object__for_each_map(map, obj) {
		if ((bpf_map__is_internal(map) && !data_section(btf, map)) || !dumpable(bpf_map__type(map)) || bpf_map__fd(map) < 0)
			continue;
		if (n++)
			fputc(',', f);
		fmt_map(f, btf, map);
	}
	fputc(']', f);
	fclose(f);
	if (n == 0 || (!final && last_sent && strcmp(last_sent, buf) == 0)) {
		free(buf);
		return;
	}
	struct json j;
	json_event(&j, "maps");
	json_bool(&j, "final", final);
	json_key(&j, "maps");
	fputs(buf, j.f);
	json_end(&j);
	free(last_sent);
	last_sent = buf;
}

void maps_forget(void)
{
	free(last_sent);
	last_sent = NULL;
}
