// SPDX-License-Identifier: GPL-2.0
/*
 * --set name=value: a global variable written before bpf_object__load(), as a
 * libbpf skeleton does with skel->rodata->name = value. The variable is looked up
 * in the BTF of the object's data sections (.rodata, .data, .bss), its type
 * checked (an integer, or a char array for text), and the value written into the
 * section's initial image (bpf_map__initial_value), which libbpf copies into the
 * map at load; .rodata is then frozen, so the verifier sees the value as a constant.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include "btf_fmt.h"
#include "globals.h"
#include "json.h"

static const char *const SECTIONS[] = { ".rodata", ".data", ".bss" };

bool globals_add(struct globals *g, const char *set)
{
	const char *eq = strchr(set, '=');
	if (g->n == MAX_GLOBALS || !eq || eq == set)
		return false;
	g->sets[g->n++] = set;
	return true;
}

/* The internal map of a data section: its name is the object's name cut short plus the section's. */
static struct bpf_map *section_map(struct bpf_object *obj, const char *sec)
{
	struct bpf_map *map;
	size_t sl = strlen(sec);
	bpf_object__for_each_map(map, obj) {
		const char *name = bpf_map__name(map);
		size_t nl = strlen(name);
		if (bpf_map__is_internal(map) && nl >= sl && strcmp(name + nl - sl, sec) == 0)
			return map;
	}
	return NULL;
}

struct found {
	const char *section;
	struct bpf_map *map;
	__u32 type_id;
	__u32 offset, size;
};

/* Finds a variable by name in the data sections' BTF. */
static bool find_var(struct bpf_object *obj, const struct btf *btf, const char *name, size_t name_len, struct found *out)
{
	for (size_t s = 0; s < sizeof(SECTIONS) / sizeof(SECTIONS[0]); s++) {
		int id = btf__find_by_name_kind(btf, SECTIONS[s], BTF_KIND_DATASEC);
		if (id <= 0)
			continue;
		const struct btf_type *sec = btf__type_by_id(btf, id);
		const struct btf_var_secinfo *vi = btf_var_secinfos(sec);
		for (int i = 0; i < btf_vlen(sec); i++, vi++) {
			const struct btf_type *var = btf__type_by_id(btf, vi->type);
			const char *vname = btf__name_by_offset(btf, var->name_off);
			if (!vname || strlen(vname) != name_len || strncmp(vname, name, name_len))
				continue;
			*out = (struct found){ .section = SECTIONS[s], .map = section_map(obj, SECTIONS[s]),
					       .type_id = var->type, .offset = vi->offset, .size = vi->size };
			return out->map != NULL;
		}
	}
	return false;
}

static bool is_char_array(const struct btf *btf, const struct btf_type *t, __u32 *nelems)
{
	if (!btf_is_array(t))
		return false;
	const struct btf_array *a = btf_array(t);
	const struct btf_type *et = btf__type_by_id(btf, btf_fmt_skip_mods(btf, a->type));
	if (!et || !btf_is_int(et) || et->size != 1)
		return false;
	*nelems = a->nelems;
	return true;
}

/* Why a variable cannot be set: reason is unknown_variable, unsupported_type, bad_value or too_long. */
static bool config_error(const char *reason, const char *name, const char *section)
{
	struct json j;
	json_event(&j, "error");
	json_string(&j, "stage", "config");
	json_int(&j, "errno", -EINVAL);
	json_string(&j, "reason", reason);
	json_string(&j, "name", name);
	if (section)
		json_string(&j, "section", section);
	json_end(&j);
	return false;
}

/* An integer of `size` bytes: every character a digit (a leading '-' when signed), within range. */
static bool parse_int(const char *s, bool is_signed, __u32 size, unsigned long long *out)
{
	char *end;
	if (!*s || size == 0 || size > 8)
		return false;
	errno = 0;
	if (is_signed) {
		long long v = strtoll(s, &end, 10);
		long long max = size == 8 ? LLONG_MAX : (1LL << (size * 8 - 1)) - 1;
		if (errno || *end || v > max || v < -max - 1)
			return false;
		*out = (unsigned long long)v;
	} else {
		if (*s == '-' || *s == '+')
			return false;
		unsigned long long v = strtoull(s, &end, 10);
		unsigned long long max = size == 8 ? ULLONG_MAX : (1ULL << (size * 8)) - 1;
		if (errno || *end || v > max)
			return false;
		*out = v;
	}
	return true;
}

static bool printable_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			return false;
	return true;
}

static bool apply_one(struct bpf_object *obj, const struct btf *btf, const char *set)
{
	const char *eq = strchr(set, '=');
	const char *value = eq + 1;
	const char *reason = "unknown_variable";
	char name[128];
	size_t name_len = (size_t)(eq - set);
	struct found v = { 0 };
	size_t size = 0;
	char *data = NULL;
	unsigned long long n = 0;
	bool is_signed = false, is_text = false, found;
	__u32 nelems = 0;
	struct json j;

	snprintf(name, sizeof(name), "%.*s", (int)(name_len < sizeof(name) ? name_len : sizeof(name) - 1), set);
	/* A copy of the section's initial image (libbpf 1.1 hands it out as const), changed and set back. */
	found = btf && find_var(obj, btf, set, name_len, &v);
	const void *image = found ? bpf_map__initial_value(v.map, &size) : NULL;
	if (!image || (size_t)v.offset + v.size > size || !(data = malloc(size)))
		goto fail;
	memcpy(data, image, size);
	const struct btf_type *t = btf__type_by_id(btf, btf_fmt_skip_mods(btf, v.type_id));
	if (t && btf_is_int(t) && t->size <= 8 && !(btf_int_encoding(t) & BTF_INT_BOOL)) {
		is_signed = btf_int_encoding(t) & BTF_INT_SIGNED;
		if (!parse_int(value, is_signed, t->size, &n)) {
			reason = "bad_value";
			goto fail;
		}
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
		memcpy(data + v.offset, (char *)&n + (8 - t->size), t->size);
#else
		memcpy(data + v.offset, &n, t->size);
#endif
	} else if (t && is_char_array(btf, t, &nelems)) {
		size_t len = strlen(value);
		is_text = true;
		if (!printable_ascii(value)) {
			reason = "bad_value";
			goto fail;
		}
		if (len + 1 > nelems) {
			reason = "too_long"; /* the last byte is the final NUL */
			goto fail;
		}
		memset(data + v.offset, 0, nelems);
		memcpy(data + v.offset, value, len);
	} else {
		reason = "unsupported_type";
		goto fail;
	}
	if (bpf_map__set_initial_value(v.map, data, size)) {
		reason = "unsupported_type";
		goto fail;
	}
	free(data);
	json_event(&j, "global");
	json_string(&j, "name", name);
	json_string(&j, "section", v.section);
	if (is_text) {
		json_string(&j, "value", value);
	} else {
		json_key(&j, "value");
		if (is_signed)
			fprintf(j.f, "%lld", (long long)n);
		else
			fprintf(j.f, "%llu", n);
	}
	json_end(&j);
	return true;
fail:
	free(data);
	return config_error(reason, name, found ? v.section : NULL);
}

bool globals_apply(struct bpf_object *obj, const struct globals *g)
{
	const struct btf *btf = bpf_object__btf(obj);
	for (int i = 0; i < g->n; i++)
		if (!apply_one(obj, btf, g->sets[i]))
			return false;
	return true;
}
