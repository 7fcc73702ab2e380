// SPDX-License-Identifier: GPL-2.0
/*
 * taller-runner: runs any eBPF object file the way the lessons need.
 *
 *   runner [--json] [--interval MS] [--log-size BYTES] file.bpf.o
 *
 * One sequence, as in libbpf-bootstrap: open, load (keeping each program's
 * verifier log), attach every program libbpf can auto-attach (tracepoint,
 * raw_tp, tp_btf, uprobe, …) and say which it cannot and why (xdp, socket, …),
 * then stream bpf_printk output from a tracefs instance of its own and print
 * every map, formatted from BTF, each second (when it changed) and at exit.
 * SIGINT/SIGTERM detach and destroy everything; the exit status is then 0.
 *
 * Human-readable Spanish output by default; --json prints one JSON object per
 * line on stdout for the Taller eBPF server. Diagnostics go to stderr.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <linux/bpf.h>

#define MAX_PROGS 64
#define MAX_ENTRIES_SHOWN 512
#define INSTANCE_PREFIX "taller-ebpf-"

static volatile sig_atomic_t exiting;
static bool json;
static int interval_ms = 1000;
static size_t log_size = 1 << 20;
static char last_libbpf_warning[1024];

/* ---------- output helpers ---------------------------------------------- */

/* Writes a JSON string literal; bytes outside printable ASCII are escaped so the
 * output stays valid JSON whatever a map holds. */
static void json_str(FILE *f, const char *s, size_t len)
{
	fputc('"', f);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c < 0x20 || c >= 0x7f) {
			/* keep valid UTF-8 sequences as they are */
			int n = (c & 0xe0) == 0xc0 ? 1 : (c & 0xf0) == 0xe0 ? 2 : (c & 0xf8) == 0xf0 ? 3 : -1;
			bool ok = n > 0 && i + n < len + 0;
			for (int k = 1; ok && k <= n; k++)
				ok = ((unsigned char)s[i + k] & 0xc0) == 0x80;
			if (ok) {
				fwrite(s + i, 1, n + 1, f);
				i += n;
			} else {
				fprintf(f, "\\u%04x", c);
			}
		} else
			fputc(c, f);
	}
	fputc('"', f);
}

static void json_cstr(FILE *f, const char *s)
{
	json_str(f, s ? s : "", s ? strlen(s) : 0);
}

/* A one-line event: {"type":"<type>", ...fields}. fields is printf-style JSON. */
static void event(const char *type, const char *fmt, ...)
{
	if (!json)
		return;
	printf("{\"type\":\"%s\"", type);
	if (fmt && *fmt) {
		va_list ap;
		putchar(',');
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
	}
	puts("}");
}

static void say(const char *fmt, ...)
{
	if (json)
		return;
	va_list ap;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

/* An error for the learner: JSON event or a Spanish line on stderr. */
static void fail_msg(const char *stage, int err, const char *message)
{
	if (json) {
		printf("{\"type\":\"error\",\"stage\":\"%s\",\"errno\":%d,\"message\":", stage, err);
		json_cstr(stdout, message);
		puts("}");
	} else {
		fprintf(stderr, "ERROR (%s): %s\n", stage, message);
	}
}

static int libbpf_print(enum libbpf_print_level level, const char *fmt, va_list args)
{
	char buf[1024];
	if (level == LIBBPF_DEBUG)
		return 0;
	vsnprintf(buf, sizeof(buf), fmt, args);
	/* libbpf blames RLIMIT_MEMLOCK for every EPERM; on modern kernels that is
	 * wrong (memory is charged to the cgroup). We explain privileges ourselves. */
	if (strstr(buf, "RLIMIT_MEMLOCK") || strstr(buf, "ulimit -l"))
		return 0;
	if (level == LIBBPF_WARN) {
		size_t n = strlen(buf);
		while (n && buf[n - 1] == '\n')
			buf[--n] = 0;
		snprintf(last_libbpf_warning, sizeof(last_libbpf_warning), "%s", buf);
		/* the per-program verifier log is reported as its own event */
		if (strstr(buf, "-- BEGIN PROG LOAD LOG --"))
			return 0;
		if (json) {
			printf("{\"type\":\"libbpf\",\"message\":");
			json_cstr(stdout, buf);
			puts("}");
		} else {
			fprintf(stderr, "%s\n", buf);
		}
	}
	return 0;
}

/* ---------- privileges -------------------------------------------------- */

static unsigned long long cap_eff(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	unsigned long long caps = 0;
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "CapEff: %llx", &caps) == 1)
			break;
	fclose(f);
	return caps;
}

#define CAP_BIT(n) (1ULL << (n))
#define CAP_SYS_ADMIN_ 21
#define CAP_PERFMON_ 38
#define CAP_BPF_ 39

/* Spanish sentence naming what is missing to load tracing programs. */
static void privilege_message(char *out, size_t len)
{
	unsigned long long caps = cap_eff();
	bool admin = caps & CAP_BIT(CAP_SYS_ADMIN_);
	bool bpf = caps & CAP_BIT(CAP_BPF_), perfmon = caps & CAP_BIT(CAP_PERFMON_);
	if (admin || (bpf && perfmon)) {
		snprintf(out, len,
			 "El kernel ha rechazado el programa con EPERM aunque tienes los privilegios necesarios "
			 "(%s). Suele deberse a una política del sistema: lockdown, o un tipo de programa "
			 "(fentry/fexit/lsm) bloqueado en este kernel o máquina virtual.",
			 geteuid() == 0 ? "eres root" : "CAP_BPF y CAP_PERFMON");
		return;
	}
	char missing[128] = "";
	if (!bpf)
		strcat(missing, "CAP_BPF");
	if (!perfmon)
		strcat(missing, *missing ? " y CAP_PERFMON" : "CAP_PERFMON");
	snprintf(out, len,
		 "Faltan privilegios para cargar programas eBPF: no eres root y te falta %s "
		 "(o CAP_SYS_ADMIN en kernels anteriores a 5.8). Ejecuta el taller como root "
		 "(sudo npm start) o concede esas capacidades.",
		 missing);
}

/* ---------- BTF-driven formatting --------------------------------------- */

static __u32 skip_mods(const struct btf *btf, __u32 id)
{
	const struct btf_type *t = btf__type_by_id(btf, id);
	while (t && (btf_is_typedef(t) || btf_is_const(t) || btf_is_volatile(t) || btf_is_restrict(t) ||
		     btf_kind(t) == BTF_KIND_TYPE_TAG)) {
		id = t->type;
		t = btf__type_by_id(btf, id);
	}
	return id;
}

static bool is_char(const struct btf *btf, const struct btf_type *t)
{
	if (!btf_is_int(t) || t->size != 1)
		return false;
	const char *name = btf__name_by_offset(btf, t->name_off);
	return (btf_int_encoding(t) & BTF_INT_CHAR) || (name && strcmp(name, "char") == 0);
}

static unsigned long long read_uint(const void *data, int size)
{
	switch (size) {
	case 1: return *(const __u8 *)data;
	case 2: return *(const __u16 *)data;
	case 4: return *(const __u32 *)data;
	case 8: return *(const __u64 *)data;
	}
	return 0;
}

static void fmt_hex(FILE *f, const void *data, size_t size)
{
	fputc('"', f);
	fputs("0x", f);
	for (size_t i = 0; i < size; i++)
		fprintf(f, "%02x", ((const unsigned char *)data)[i]);
	fputc('"', f);
}

static void fmt_value(FILE *f, const struct btf *btf, __u32 type_id, const void *data, size_t size);

static void fmt_int(FILE *f, const struct btf_type *t, const void *data, __u32 bit_off, __u32 bits)
{
	bool is_signed = btf_int_encoding(t) & BTF_INT_SIGNED;
	if (btf_int_encoding(t) & BTF_INT_BOOL) {
		fputs(read_uint(data, t->size) ? "true" : "false", f);
		return;
	}
	unsigned long long v = read_uint(data, t->size > 8 ? 8 : t->size);
	if (bits && bits < t->size * 8) {
		v = (v >> bit_off) & ((1ULL << bits) - 1);
	} else {
		bits = t->size * 8;
	}
	if (is_signed && bits < 64 && (v & (1ULL << (bits - 1))))
		v |= ~0ULL << bits;
	if (is_signed)
		fprintf(f, "%lld", (long long)v);
	else
		fprintf(f, "%llu", v);
}

static void fmt_value(FILE *f, const struct btf *btf, __u32 type_id, const void *data, size_t size)
{
	if (!btf || !type_id) {
		if (size == 4 || size == 8)
			fprintf(f, "%llu", read_uint(data, size));
		else
			fmt_hex(f, data, size);
		return;
	}
	__u32 id = skip_mods(btf, type_id);
	const struct btf_type *t = btf__type_by_id(btf, id);
	if (!t) {
		fmt_hex(f, data, size);
		return;
	}
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
		fmt_int(f, t, data, 0, 0);
		return;
	case BTF_KIND_ENUM: {
		long long v = (long long)(t->size == 8 ? *(const __s64 *)data : *(const __s32 *)data);
		const struct btf_enum *e = btf_enum(t);
		for (int i = 0; i < btf_vlen(t); i++, e++)
			if (e->val == v) {
				json_cstr(f, btf__name_by_offset(btf, e->name_off));
				return;
			}
		fprintf(f, "%lld", v);
		return;
	}
	case BTF_KIND_PTR:
		fprintf(f, "\"0x%llx\"", read_uint(data, 8));
		return;
	case BTF_KIND_ARRAY: {
		const struct btf_array *a = btf_array(t);
		__u32 elem = skip_mods(btf, a->type);
		const struct btf_type *et = btf__type_by_id(btf, elem);
		__s64 esz = btf__resolve_size(btf, elem);
		if (et && is_char(btf, et)) {
			size_t n = strnlen(data, a->nelems);
			json_str(f, data, n);
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
			fmt_value(f, btf, elem, (const char *)data + i * esz, esz);
		}
		fputc(']', f);
		return;
	}
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION: {
		const struct btf_member *m = btf_members(t);
		fputc('{', f);
		for (int i = 0; i < btf_vlen(t); i++, m++) {
			__u32 bit_off = btf_member_bit_offset(t, i);
			__u32 bits = btf_member_bitfield_size(t, i);
			const char *name = btf__name_by_offset(btf, m->name_off);
			if (i)
				fputc(',', f);
			json_cstr(f, name && *name ? name : "(anónimo)");
			fputc(':', f);
			__u32 mid = skip_mods(btf, m->type);
			const struct btf_type *mt = btf__type_by_id(btf, mid);
			if (bits && mt && btf_is_int(mt)) {
				fmt_int(f, mt, (const char *)data + (bit_off / 8 / mt->size) * mt->size,
					bit_off % (mt->size * 8), bits);
			} else {
				__s64 msz = btf__resolve_size(btf, mid);
				fmt_value(f, btf, mid, (const char *)data + bit_off / 8, msz > 0 ? msz : 0);
			}
		}
		fputc('}', f);
		return;
	}
	case BTF_KIND_FLOAT:
		if (t->size == 8)
			fprintf(f, "%g", *(const double *)data);
		else if (t->size == 4)
			fprintf(f, "%g", *(const float *)data);
		else
			fmt_hex(f, data, size);
		return;
	default:
		fmt_hex(f, data, size);
	}
}

/* ---------- maps -------------------------------------------------------- */

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

/* Formats one map as JSON into f. */
static void dump_map(FILE *f, const struct btf *btf, struct bpf_map *map)
{
	enum bpf_map_type type = bpf_map__type(map);
	int fd = bpf_map__fd(map);
	__u32 ksz = bpf_map__key_size(map), vsz = bpf_map__value_size(map);
	__u32 kid = bpf_map__btf_key_type_id(map), vid = bpf_map__btf_value_type_id(map);
	int ncpu = percpu(type) ? libbpf_num_possible_cpus() : 1;
	size_t stride = percpu(type) ? ((vsz + 7) & ~7u) : vsz;
	void *key = calloc(1, ksz), *next = calloc(1, ksz), *val = calloc(ncpu, stride);
	int shown = 0;
	bool first_key = true, truncated = false;

	fprintf(f, "{\"name\":");
	json_cstr(f, bpf_map__name(map));
	fprintf(f, ",\"type\":");
	json_cstr(f, libbpf_bpf_map_type_str(type));
	fprintf(f, ",\"entries\":[");
	if (!key || !next || !val)
		goto out;

	for (;;) {
		int err = bpf_map_get_next_key(fd, first_key ? NULL : key, next);
		if (err)
			break;
		first_key = false;
		memcpy(key, next, ksz);
		if (bpf_map_lookup_elem(fd, key, val))
			continue;
		bool is_array = type == BPF_MAP_TYPE_ARRAY || type == BPF_MAP_TYPE_PERCPU_ARRAY;
		if (is_array && all_zero(val, ncpu * stride))
			continue; /* arrays always hold every index: show only what was written */
		if (shown == MAX_ENTRIES_SHOWN) {
			truncated = true;
			break;
		}
		if (shown++)
			fputc(',', f);
		fputs("{\"key\":", f);
		fmt_value(f, btf, kid, key, ksz);
		fputs(",\"value\":", f);
		if (ncpu > 1) {
			__u32 id = btf ? skip_mods(btf, vid) : 0;
			const struct btf_type *t = id ? btf__type_by_id(btf, id) : NULL;
			if ((t && btf_is_int(t) && t->size <= 8) || (!t && (vsz == 4 || vsz == 8))) {
				unsigned long long sum = 0; /* per-CPU counters: the total is what counts */
				for (int c = 0; c < ncpu; c++)
					sum += read_uint((char *)val + c * stride, vsz);
				fprintf(f, "%llu", sum);
			} else {
				fputc('[', f);
				for (int c = 0; c < ncpu; c++) {
					if (c)
						fputc(',', f);
					fmt_value(f, btf, vid, (char *)val + c * stride, vsz);
				}
				fputc(']', f);
			}
		} else {
			fmt_value(f, btf, vid, val, vsz);
		}
		fputc('}', f);
	}
out:
	fprintf(f, "],\"truncated\":%s}", truncated ? "true" : "false");
	free(key);
	free(next);
	free(val);
}

/* Prints the maps when they changed since the last call (or always when forced). */
static void dump_maps(struct bpf_object *obj, bool force)
{
	static char *last;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	const struct btf *btf = bpf_object__btf(obj);
	struct bpf_map *map;
	int n = 0;

	if (!f)
		return;
	fputc('[', f);
	bpf_object__for_each_map(map, obj) {
		if (bpf_map__is_internal(map) || !dumpable(bpf_map__type(map)) || bpf_map__fd(map) < 0)
			continue;
		if (n++)
			fputc(',', f);
		dump_map(f, btf, map);
	}
	fputc(']', f);
	fclose(f);
	if (n == 0 || (!force && last && strcmp(last, buf) == 0)) {
		free(buf);
		return;
	}
	if (json) {
		printf("{\"type\":\"maps\",\"final\":%s,\"maps\":%s}\n", force ? "true" : "false", buf);
	} else {
		/* human form: one line per entry, "mapa[clave] = valor" */
		printf("--- mapas%s ---\n", force ? " (al salir)" : "");
		bpf_object__for_each_map(map, obj) {
			if (bpf_map__is_internal(map) || !dumpable(bpf_map__type(map)) || bpf_map__fd(map) < 0)
				continue;
			char *one = NULL;
			size_t l = 0;
			FILE *g = open_memstream(&one, &l);
			if (!g)
				continue;
			dump_map(g, btf, map);
			fclose(g);
			printf("%s: %s\n", bpf_map__name(map), one);
			free(one);
		}
	}
	fflush(stdout);
	free(last);
	last = buf;
}

/* ---------- bpf_printk through a tracefs instance of our own ------------- */

static char instance_dir[PATH_MAX];

static const char *tracefs_root(void)
{
	static const char *roots[] = { "/sys/kernel/tracing", "/sys/kernel/debug/tracing" };
	for (size_t i = 0; i < sizeof(roots) / sizeof(roots[0]); i++) {
		char p[PATH_MAX];
		snprintf(p, sizeof(p), "%s/instances", roots[i]);
		if (access(p, F_OK) == 0)
			return roots[i];
	}
	return NULL;
}

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_TRUNC);
	if (fd < 0)
		return -errno;
	ssize_t n = write(fd, text, strlen(text));
	int err = n < 0 ? -errno : 0;
	close(fd);
	return err;
}

/* Creates instances/taller-ebpf-<pid>, enables bpf_trace_printk in it and opens
 * its trace_pipe. Returns the fd or a negative errno. */
static int open_printk_stream(void)
{
	const char *root = tracefs_root();
	char p[PATH_MAX + 64];
	if (!root)
		return -ENOENT;
	snprintf(instance_dir, sizeof(instance_dir), "%s/instances/" INSTANCE_PREFIX "%d", root, getpid());
	if (mkdir(instance_dir, 0700) && errno != EEXIST) {
		int err = -errno;
		instance_dir[0] = 0;
		return err;
	}
	snprintf(p, sizeof(p), "%s/events/bpf_trace/bpf_trace_printk/enable", instance_dir);
	int err = write_file(p, "1");
	if (err)
		return err;
	snprintf(p, sizeof(p), "%s/trace_pipe", instance_dir);
	int fd = open(p, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

static void close_printk_stream(int fd)
{
	char p[PATH_MAX + 64];
	if (fd >= 0)
		close(fd);
	if (!instance_dir[0])
		return;
	snprintf(p, sizeof(p), "%s/events/bpf_trace/bpf_trace_printk/enable", instance_dir);
	write_file(p, "0");
	rmdir(instance_dir);
	instance_dir[0] = 0;
}

/* "   bash-1234    [001] d..31  12.345: bpf_trace_printk: execve called" */
static void emit_printk_line(char *line)
{
	static const char tag[] = ": bpf_trace_printk: ";
	char *msg = strstr(line, tag);
	if (!msg) {
		event("trace", "\"line\":\"\"");
		return;
	}
	*msg = 0;
	msg += sizeof(tag) - 1;
	char *task = line;
	while (*task == ' ')
		task++;
	char *cpu = strstr(task, " [");
	if (cpu)
		*cpu = 0;
	char *dash = strrchr(task, '-');
	long pid = 0;
	if (dash) {
		*dash = 0;
		pid = strtol(dash + 1, NULL, 10);
	}
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
		msg[--n] = 0;
	if (json) {
		printf("{\"type\":\"printk\",\"comm\":");
		json_cstr(stdout, task);
		printf(",\"pid\":%ld,\"message\":", pid);
		json_str(stdout, msg, n);
		puts("}");
	} else {
		printf("%s-%ld: %s\n", task, pid, msg);
	}
}

static void drain_printk(int fd, char *buf, size_t cap, size_t *used)
{
	for (;;) {
		ssize_t n = read(fd, buf + *used, cap - 1 - *used);
		if (n <= 0)
			break;
		*used += n;
		buf[*used] = 0;
		char *start = buf, *nl;
		while ((nl = strchr(start, '\n'))) {
			*nl = 0;
			emit_printk_line(start);
			start = nl + 1;
		}
		*used = strlen(start);
		memmove(buf, start, *used + 1);
		if (*used >= cap - 1) /* a line longer than the buffer: drop it */
			*used = 0;
	}
	fflush(stdout);
}

/* ---------- attach ------------------------------------------------------ */

static const char *why_no_autoattach(enum bpf_prog_type type)
{
	switch (type) {
	case BPF_PROG_TYPE_XDP:
		return "XDP se engancha a una interfaz de red concreta (ip link set dev IFAZ xdp obj …); "
		       "el ejecutor no elige una por ti";
	case BPF_PROG_TYPE_SOCKET_FILTER:
		return "un filtro de socket se engancha a un socket concreto con setsockopt(SO_ATTACH_BPF)";
	case BPF_PROG_TYPE_SCHED_CLS:
	case BPF_PROG_TYPE_SCHED_ACT:
		return "un programa de tc se engancha a una interfaz con tc qdisc/filter";
	case BPF_PROG_TYPE_PERF_EVENT:
		return "necesita un evento perf abierto con perf_event_open()";
	case BPF_PROG_TYPE_CGROUP_SKB:
	case BPF_PROG_TYPE_CGROUP_SOCK:
	case BPF_PROG_TYPE_CGROUP_DEVICE:
	case BPF_PROG_TYPE_CGROUP_SOCK_ADDR:
	case BPF_PROG_TYPE_CGROUP_SYSCTL:
	case BPF_PROG_TYPE_CGROUP_SOCKOPT:
		return "un programa de cgroup se engancha a un cgroup concreto";
	default:
		return "libbpf no sabe engancharlo automáticamente a partir del nombre de su sección";
	}
}

static void attach_failure(struct bpf_program *prog, int err, char *out, size_t len)
{
	enum bpf_prog_type type = bpf_program__type(prog);
	if (type == BPF_PROG_TYPE_KPROBE && (err == -ENOENT || err == -EOPNOTSUPP))
		snprintf(out, len, "este kernel no tiene kprobes (CONFIG_KPROBES desactivado): "
				   "usa un tracepoint o raw_tp en su lugar");
	else if (err == -ENOENT)
		snprintf(out, len, "el punto de enganche no existe en este kernel (%s)", bpf_program__section_name(prog));
	else if (err == -EPERM || err == -EACCES)
		privilege_message(out, len);
	else
		snprintf(out, len, "no se pudo enganchar: %s", strerror(-err));
}

/* ---------- main --------------------------------------------------------- */

static void on_signal(int sig)
{
	(void)sig;
	exiting = 1;
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* --probe-fentry: can this kernel load and attach an fentry program? Some VMs
 * block function tracing even for root (EPERM). Prints one JSON line. */
static int probe_fentry(void)
{
	struct bpf_insn insns[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	struct btf *vmlinux = btf__load_vmlinux_btf();
	const char *status = "ok";
	int err = 0, fd = -1, link = -1;

	if (!vmlinux) {
		status = "no-btf";
		err = -errno;
		goto out;
	}
	int id = btf__find_by_name_kind(vmlinux, "do_nanosleep", BTF_KIND_FUNC);
	if (id <= 0)
		id = btf__find_by_name_kind(vmlinux, "ksys_read", BTF_KIND_FUNC);
	if (id <= 0) {
		status = "no-target";
		goto out;
	}
	LIBBPF_OPTS(bpf_prog_load_opts, opts, .expected_attach_type = BPF_TRACE_FENTRY, .attach_btf_id = id);
	fd = bpf_prog_load(BPF_PROG_TYPE_TRACING, "taller_probe", "GPL", insns, 2, &opts);
	if (fd < 0) {
		err = -errno;
		status = err == -EPERM ? "blocked" : "load-failed";
		goto out;
	}
	link = bpf_link_create(fd, 0, BPF_TRACE_FENTRY, NULL);
	if (link < 0) {
		err = -errno;
		status = err == -EPERM ? "blocked" : "attach-failed";
	}
out:
	printf("{\"type\":\"probe\",\"fentry\":\"%s\",\"errno\":%d}\n", status, err);
	if (link >= 0)
		close(link);
	if (fd >= 0)
		close(fd);
	btf__free(vmlinux);
	return 0;
}

static void usage(const char *argv0)
{
	fprintf(stderr, "uso: %s [--json] [--interval MS] [--log-size BYTES] fichero.bpf.o\n", argv0);
}

int main(int argc, char **argv)
{
	const char *path = NULL;
	struct bpf_object *obj = NULL;
	struct bpf_program *prog;
	struct bpf_link *links[MAX_PROGS] = { 0 };
	char *logs[MAX_PROGS] = { 0 };
	char msg[2048];
	int nlinks = 0, nprogs = 0, attached = 0, skipped = 0, printk_fd = -1, err = 0, status = 0;

	libbpf_set_print(libbpf_print);
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--probe-fentry")) {
			json = true;
			return probe_fentry();
		}
		if (!strcmp(argv[i], "--json"))
			json = true;
		else if (!strcmp(argv[i], "--interval") && i + 1 < argc)
			interval_ms = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--log-size") && i + 1 < argc)
			log_size = strtoul(argv[++i], NULL, 10);
		else if (argv[i][0] == '-') {
			usage(argv[0]);
			return 2;
		} else
			path = argv[i];
	}
	if (!path || interval_ms < 50 || log_size < 4096) {
		usage(argv[0]);
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGPIPE, SIG_IGN);
	libbpf_set_print(libbpf_print);

	/* 1. open */
	obj = bpf_object__open_file(path, NULL);
	if (!obj) {
		err = -errno;
		snprintf(msg, sizeof(msg), "No se pudo abrir «%s»: %s.%s%s", path, strerror(-err),
			 strstr(last_libbpf_warning, "BTF") ? " ¿Compilaste con -g? Los mapas necesitan BTF." : "",
			 last_libbpf_warning[0] ? "" : "");
		fail_msg("open", err, msg);
		return 1;
	}
	bpf_object__for_each_program(prog, obj) {
		if (nprogs == MAX_PROGS)
			break;
		logs[nprogs] = calloc(1, log_size);
		if (logs[nprogs])
			bpf_program__set_log_buf(prog, logs[nprogs], log_size);
		nprogs++;
	}

	/* 2. load: on failure, libbpf retries with the verifier log into our buffers */
	err = bpf_object__load(obj);
	if (err) {
		int i = 0;
		bool reported = false;
		bpf_object__for_each_program(prog, obj) {
			if (i < nprogs && logs[i] && logs[i][0]) {
				reported = true;
				if (json) {
					printf("{\"type\":\"verifier\",\"program\":");
					json_cstr(stdout, bpf_program__name(prog));
					printf(",\"section\":");
					json_cstr(stdout, bpf_program__section_name(prog));
					printf(",\"errno\":%d,\"log\":", err);
					json_cstr(stdout, logs[i]);
					puts("}");
				} else {
					fprintf(stderr, "El verificador ha rechazado «%s» (%s). Registro:\n%s\n",
						bpf_program__name(prog), strerror(-err), logs[i]);
				}
			}
			i++;
		}
		if (reported) {
			fail_msg("load", err, "El verificador ha rechazado el programa.");
		} else if (err == -EPERM) {
			privilege_message(msg, sizeof(msg));
			fail_msg("load", err, msg);
		} else {
			snprintf(msg, sizeof(msg), "El kernel no ha aceptado el objeto: %s. %s", strerror(-err),
				 last_libbpf_warning);
			fail_msg("load", err, msg);
		}
		status = 1;
		goto cleanup;
	}

	/* Programs as the kernel knows them (ids for bpftool). */
	bpf_object__for_each_program(prog, obj) {
		struct bpf_prog_info info = { 0 };
		__u32 len = sizeof(info);
		bpf_obj_get_info_by_fd(bpf_program__fd(prog), &info, &len);
		if (json) {
			printf("{\"type\":\"loaded\",\"program\":");
			json_cstr(stdout, bpf_program__name(prog));
			printf(",\"section\":");
			json_cstr(stdout, bpf_program__section_name(prog));
			printf(",\"id\":%u}\n", info.id);
		} else {
			printf("Cargado «%s» (%s), id %u\n", bpf_program__name(prog), bpf_program__section_name(prog), info.id);
		}
	}

	/* 3. bpf_printk stream, before attaching so that no line is missed */
	printk_fd = open_printk_stream();
	if (printk_fd < 0) {
		snprintf(msg, sizeof(msg), "No se podrá ver la salida de bpf_printk: no se pudo crear una instancia de tracefs (%s).",
			 strerror(-printk_fd));
		event("warning", "\"message\":\"%s\"", msg);
		if (!json)
			fprintf(stderr, "%s\n", msg);
	}

	/* 4. attach every program libbpf can */
	bpf_object__for_each_program(prog, obj) {
		if (!bpf_program__autoload(prog))
			continue;
		struct bpf_link *link = bpf_program__attach(prog);
		if (!link) {
			int aerr = -errno;
			if (aerr == -EOPNOTSUPP && bpf_program__type(prog) != BPF_PROG_TYPE_KPROBE) {
				snprintf(msg, sizeof(msg), "%s", why_no_autoattach(bpf_program__type(prog)));
				skipped++;
				if (json) {
					printf("{\"type\":\"skipped\",\"program\":");
					json_cstr(stdout, bpf_program__name(prog));
					printf(",\"section\":");
					json_cstr(stdout, bpf_program__section_name(prog));
					printf(",\"reason\":");
					json_cstr(stdout, msg);
					puts("}");
				} else {
					printf("Sin enganche automático: «%s» (%s): %s.\n", bpf_program__name(prog),
					       bpf_program__section_name(prog), msg);
				}
			} else {
				attach_failure(prog, aerr, msg, sizeof(msg));
				if (json) {
					printf("{\"type\":\"attach_error\",\"program\":");
					json_cstr(stdout, bpf_program__name(prog));
					printf(",\"section\":");
					json_cstr(stdout, bpf_program__section_name(prog));
					printf(",\"errno\":%d,\"message\":", aerr);
					json_cstr(stdout, msg);
					puts("}");
				} else {
					printf("No se pudo enganchar «%s» (%s): %s.\n", bpf_program__name(prog),
					       bpf_program__section_name(prog), msg);
				}
			}
			continue;
		}
		if (nlinks < MAX_PROGS)
			links[nlinks++] = link;
		attached++;
		if (json) {
			printf("{\"type\":\"attached\",\"program\":");
			json_cstr(stdout, bpf_program__name(prog));
			printf(",\"section\":");
			json_cstr(stdout, bpf_program__section_name(prog));
			puts("}");
		} else {
			printf("Enganchado «%s» a %s.\n", bpf_program__name(prog), bpf_program__section_name(prog));
		}
	}
	event("ready", "\"attached\":%d,\"skipped\":%d", attached, skipped);
	if (attached == 0) {
		fail_msg("attach", 0, "No se ha enganchado ningún programa: no hay nada que observar.");
		status = 1;
		goto cleanup;
	}
	say("En marcha. Ctrl-C para detener.\n");

	/* 5. stream until SIGINT/SIGTERM */
	{
		char buf[8192];
		size_t used = 0;
		long long next_dump = now_ms() + interval_ms;
		while (!exiting) {
			long long wait = next_dump - now_ms();
			struct pollfd pfd = { .fd = printk_fd, .events = POLLIN };
			int r = poll(printk_fd >= 0 ? &pfd : NULL, printk_fd >= 0 ? 1 : 0, wait > 0 ? (int)wait : 0);
			if (r > 0 && (pfd.revents & POLLIN))
				drain_printk(printk_fd, buf, sizeof(buf), &used);
			if (now_ms() >= next_dump) {
				dump_maps(obj, false);
				next_dump = now_ms() + interval_ms;
			}
		}
		if (printk_fd >= 0)
			drain_printk(printk_fd, buf, sizeof(buf), &used);
	}
	dump_maps(obj, true);

cleanup:
	/* 6. one clean-up path: detach, destroy, remove the tracefs instance */
	for (int i = 0; i < nlinks; i++)
		bpf_link__destroy(links[i]);
	bpf_object__close(obj);
	close_printk_stream(printk_fd);
	for (int i = 0; i < nprogs; i++)
		free(logs[i]);
	event("exit", "\"status\":%d", status);
	say(status ? "" : "Desenganchado y descargado. Nada queda en el kernel.\n");
	return status;
}
