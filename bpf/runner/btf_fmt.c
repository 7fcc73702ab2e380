// SPDX-License-Identifier: GPL-2.0
#include <stdbool.h>
#include <string.h>
#include "btf_fmt.h"
#include "json.h"

__u32 btf_fmt_skip_mods(const struct btf *btf, __u32 id)
{
	const struct btf_type *t = btf__type_by_id(btf, id);
	while (t && (btf_is_typedef(t) || btf_is_const(t) || btf_is_volatile(t) || btf_is_restrict(t) ||
		     btf_kind(t) == BTF_KIND_TYPE_TAG)) {
		id = t->type;
		t = btf__type_by_id(btf, id);
	}
	return id;
}

unsigned long long btf_fmt_read_uint(const void *data, int size)
{
	switch (size) {
	case 1: return *(const __u8 *)data;
	case 2: return *(const __u16 *)data;
	case 4: return *(const __u32 *)data;
	case 8: return *(const __u64 *)data;
	}
	return 0;
}

static bool is_char(const struct btf *btf, const struct btf_type *t)
{
	if (!btf_is_int(t) || t->size != 1)
		return false;
	const char *name = btf__name_by_offset(btf, t->name_off);
	return (btf_int_encoding(t) & BTF_INT_CHAR) || (name && strcmp(name, "char") == 0);
}

static void fmt_hex(FILE *f, const void *data, size_t size)
{
	fputs("\"0x", f);
	for (size_t i = 0; i < size; i++)
		fprintf(f, "%02x", ((const unsigned char *)data)[i]);
	fputc('"', f);
}

static void fmt_int(FILE *f, const struct btf_type *t, const void *data, __u32 bit_off, __u32 bits)
{
	bool is_signed = btf_int_encoding(t) & BTF_INT_SIGNED;
	if (btf_int_encoding(t) & BTF_INT_BOOL) {
		fputs(btf_fmt_read_uint(data, t->size) ? "true" : "false", f);
		return;
	}
	unsigned long long v = btf_fmt_read_uint(data, t->size > 8 ? 8 : t->size);
	if (bits && bits < t->size * 8)
		v = (v >> bit_off) & ((1ULL << bits) - 1);
	else
		bits = t->size * 8;
	if (is_signed && bits < 64 && (v & (1ULL << (bits - 1))))
		v |= ~0ULL << bits;
	if (is_signed)
		fprintf(f, "%lld", (long long)v);
	else
		fprintf(f, "%llu", v);
}

static void fmt_enum(FILE *f, const struct btf *btf, const struct btf_type *t, const void *data)
{
	long long v = (long long)(t->size == 8 ? *(const __s64 *)data : *(const __s32 *)data);
	const struct btf_enum *e = btf_enum(t);
	for (int i = 0; i < btf_vlen(t); i++, e++)
		if (e->val == v) {
			json_cstr(f, btf__name_by_offset(btf, e->name_off));
			return;
		}
	fprintf(f, "%lld", v);
}

static void fmt_array(FILE *f, const struct btf *btf, const struct btf_type *t, const void *data, size_t size)
{
	const struct btf_array *a = btf_array(t);
	__u32 elem = btf_fmt_skip_mods(btf, a->type);
	const struct btf_type *et = btf__type_by_id(btf, elem);
	__s64 esz = btf__resolve_size(btf, elem);
	if (et && is_char(btf, et)) {
		json_str(f, data, strnlen(data, a->nelems));
		return;
	}
	if (esz <= 0) {
		fmt_hex(f, data, size);
		return;
	}
	fputc('[', f);
	for (__u32 i = 0; i < a->nelems; i++) {
		if (i)
			fputc(',', f);
		btf_fmt_value(f, btf, elem, (const char *)data + i * esz, esz);
	}
	fputc(']', f);
}

static void fmt_struct(FILE *f, const struct btf *btf, const struct btf_type *t, const void *data)
{
	const struct btf_member *m = btf_members(t);
	fputc('{', f);
	for (int i = 0; i < btf_vlen(t); i++, m++) {
		__u32 bit_off = btf_member_bit_offset(t, i);
		__u32 bits = btf_member_bitfield_size(t, i);
		if (i)
			fputc(',', f);
		json_cstr(f, btf__name_by_offset(btf, m->name_off));
		fputc(':', f);
		__u32 mid = btf_fmt_skip_mods(btf, m->type);
		const struct btf_type *mt = btf__type_by_id(btf, mid);
		if (bits && mt && btf_is_int(mt)) {
			fmt_int(f, mt, (const char *)data + (bit_off / 8 / mt->size) * mt->size,
				bit_off % (mt->size * 8), bits);
		} else {
			__s64 msz = btf__resolve_size(btf, mid);
			btf_fmt_value(f, btf, mid, (const char *)data + bit_off / 8, msz > 0 ? msz : 0);
		}
	}
	fputc('}', f);
}

/* The program's own variable? Names that start with "__" (after a "function." prefix for
 * static locals) are the compiler's and the macros' (bpf_printk's "fn.____fmt"). */
static bool own_variable(const char *name)
{
	const char *dot = name ? strrchr(name, '.') : NULL;
	const char *base = dot ? dot + 1 : name;
	return base && strncmp(base, "__", 2) != 0;
}

/* A data section (.bss, .data, .rodata) as {"variable":value,…}, the program's own only. */
static void fmt_datasec(FILE *f, const struct btf *btf, const struct btf_type *t, const void *data, size_t size)
{
	const struct btf_var_secinfo *vi = btf_var_secinfos(t);
	int shown = 0;
	fputc('{', f);
	for (int i = 0; i < btf_vlen(t); i++, vi++) {
		const struct btf_type *var = btf__type_by_id(btf, vi->type);
		const char *name = var ? btf__name_by_offset(btf, var->name_off) : NULL;
		if (!own_variable(name) || (size_t)vi->offset + vi->size > size)
			continue;
		if (shown++)
			fputc(',', f);
		json_cstr(f, name);
		fputc(':', f);
		btf_fmt_value(f, btf, var->type, (const char *)data + vi->offset, vi->size);
	}
	fputc('}', f);
}

bool btf_fmt_datasec_shown(const struct btf *btf, __u32 type_id)
{
	const struct btf_type *t = btf && type_id ? btf__type_by_id(btf, type_id) : NULL;
	if (!t || !btf_is_datasec(t))
		return false;
	const struct btf_var_secinfo *vi = btf_var_secinfos(t);
	for (int i = 0; i < btf_vlen(t); i++, vi++) {
		const struct btf_type *var = btf__type_by_id(btf, vi->type);
		const char *name = var ? btf__name_by_offset(btf, var->name_off) : NULL;
		if (own_variable(name))
			return true;
	}
	return false;
}

void btf_fmt_value(FILE *f, const struct btf *btf, __u32 type_id, const void *data, size_t size)
{
	if (!btf || !type_id) {
		if (size == 4 || size == 8)
			fprintf(f, "%llu", btf_fmt_read_uint(data, size));
		else
			fmt_hex(f, data, size);
		return;
	}
	const struct btf_type *t = btf__type_by_id(btf, btf_fmt_skip_mods(btf, type_id));
	switch (t ? btf_kind(t) : BTF_KIND_UNKN) {
	case BTF_KIND_INT:
		fmt_int(f, t, data, 0, 0);
		break;
	case BTF_KIND_ENUM:
		fmt_enum(f, btf, t, data);
		break;
	case BTF_KIND_PTR:
		fprintf(f, "\"0x%llx\"", btf_fmt_read_uint(data, 8));
		break;
	case BTF_KIND_ARRAY:
		fmt_array(f, btf, t, data, size);
		break;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		fmt_struct(f, btf, t, data);
		break;
	case BTF_KIND_DATASEC:
		fmt_datasec(f, btf, t, data, size);
		break;
	case BTF_KIND_FLOAT:
		if (t->size == 8)
			fprintf(f, "%g", *(const double *)data);
		else if (t->size == 4)
			fprintf(f, "%g", *(const float *)data);
		else
			fmt_hex(f, data, size);
		break;
	default:
		fmt_hex(f, data, size);
	}
}
