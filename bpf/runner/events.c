// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "btf_fmt.h"
#include "events.h"
#include "json.h"

/* Pages per CPU of a perf buffer (a power of two). */
#define PERF_PAGES 8
/* Bytes shown of a record without a known type. */
#define HEX_SHOWN 64
/* Counts alone (no rows) are sent at most this often. */
#define COUNTS_EVERY_MS 250
/* Records read from a ring buffer per drain: ring_buffer__consume() reads until the buffer is empty, which
 * a program writing faster than we read never lets happen; stopping here lets the loop see SIGINT. */
#define RING_PER_DRAIN 65536

struct channel {
	char map[64];
	const char *kind; /* "ringbuf" or "perfbuf" */
	const struct btf *btf;
	__u32 type_id;          /* 0: no known type (hex rows) */
	char type_name[64];     /* the struct's name, for "struct" ("" when none) */
	size_t type_size;
	struct ring_buffer *rb;
	struct perf_buffer *pb;
	int max_per_second;
	long long window_start;
	int window_rows;
	unsigned long long dropped, lost, sent_dropped, sent_lost;
	long long last_sent_ms;
	/* The rows of the batch being drained. */
	FILE *rows;
	char *rows_buf;
	size_t rows_len;
	int nrows;
	int drained; /* records read in this drain */
};

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* The struct behind a type (typedefs, qualifiers and one pointer skipped), or 0. */
static __u32 struct_of(const struct btf *btf, __u32 id)
{
	id = btf_fmt_skip_mods(btf, id);
	const struct btf_type *t = btf__type_by_id(btf, id);
	if (t && btf_is_ptr(t)) {
		id = btf_fmt_skip_mods(btf, t->type);
		t = btf__type_by_id(btf, id);
	}
	return t && (btf_is_struct(t) || btf_is_union(t)) ? id : 0;
}

/* The record type of a map, by the rule in events.h. */
static void find_type(struct channel *c)
{
	char var[256];
	__s32 id;
	if (!c->btf)
		return;
	snprintf(var, sizeof(var), "%s_event", c->map);
	id = btf__find_by_name_kind(c->btf, var, BTF_KIND_VAR);
	if (id > 0)
		c->type_id = struct_of(c->btf, btf__type_by_id(c->btf, id)->type);
	if (!c->type_id) {
		id = btf__find_by_name_kind(c->btf, "event", BTF_KIND_STRUCT);
		if (id > 0)
			c->type_id = id;
	}
	if (c->type_id) {
		const struct btf_type *t = btf__type_by_id(c->btf, c->type_id);
		snprintf(c->type_name, sizeof(c->type_name), "%s", btf__name_by_offset(c->btf, t->name_off));
		c->type_size = t->size;
	}
}

/* One record: a row of the batch, or one more dropped. */
static void record(struct channel *c, const void *data, size_t size)
{
	long long now = now_ms();
	if (now - c->window_start >= 1000) {
		c->window_start = now;
		c->window_rows = 0;
	}
	if (c->window_rows >= c->max_per_second || !c->rows) {
		c->dropped++;
		return;
	}
	c->window_rows++;
	if (c->nrows++)
		fputc(',', c->rows);
	if (c->type_id && size >= c->type_size) {
		btf_fmt_value(c->rows, c->btf, c->type_id, data, c->type_size);
		return;
	}
	fprintf(c->rows, "{\"size\":%zu,\"bytes\":\"", size);
	for (size_t i = 0; i < size && i < HEX_SHOWN; i++)
		fprintf(c->rows, "%02x", ((const unsigned char *)data)[i]);
	fputs(size > HEX_SHOWN ? "…\"}" : "\"}", c->rows);
}

static int ringbuf_sample(void *ctx, void *data, size_t size)
{
	struct channel *c = ctx;
	record(c, data, size);
	/* A negative value makes libbpf stop after this record (already consumed). */
	return ++c->drained >= RING_PER_DRAIN ? -EAGAIN : 0;
}

static void perfbuf_sample(void *ctx, int cpu, void *data, __u32 size)
{
	(void)cpu;
	record(ctx, data, size);
}

static void perfbuf_lost(void *ctx, int cpu, __u64 count)
{
	(void)cpu;
	((struct channel *)ctx)->lost += count;
}

/* The batch drained, when it has rows, or the counts when they changed (at most every
 * COUNTS_EVERY_MS, or always when final). */
static void send(struct channel *c, bool final)
{
	bool counts = c->dropped != c->sent_dropped || c->lost != c->sent_lost;
	long long now = now_ms();
	if (!c->nrows && !(counts && (final || now - c->last_sent_ms >= COUNTS_EVERY_MS)))
		return;
	struct json j;
	json_event(&j, "events");
	json_string(&j, "map", c->map);
	json_string(&j, "kind", c->kind);
	json_key(&j, "struct");
	if (c->type_name[0])
		json_cstr(j.f, c->type_name);
	else
		fputs("null", j.f);
	json_key(&j, "rows");
	fputc('[', j.f);
	if (c->nrows)
		fwrite(c->rows_buf, 1, c->rows_len, j.f);
	fputc(']', j.f);
	json_int(&j, "dropped", (long long)c->dropped);
	json_int(&j, "lost", (long long)c->lost);
	json_end(&j);
	c->sent_dropped = c->dropped;
	c->sent_lost = c->lost;
	c->last_sent_ms = now;
}

static void drain(struct output *out, bool final)
{
	struct channel *c = out->ctx;
	c->rows_buf = NULL;
	c->rows_len = 0;
	c->nrows = 0;
	c->drained = 0;
	c->rows = open_memstream(&c->rows_buf, &c->rows_len);
	if (c->rb)
		ring_buffer__consume(c->rb);
	else
		perf_buffer__consume(c->pb);
	if (c->rows)
		fclose(c->rows);
	c->rows = NULL;
	send(c, final);
	free(c->rows_buf);
	c->rows_buf = NULL;
}

static void events_drain(struct output *out)
{
	drain(out, false);
}

static void events_close(struct output *out)
{
	struct channel *c = out->ctx;
	send(c, true); /* the last counts (the object, and its BTF, may be closed by now) */
	ring_buffer__free(c->rb);
	perf_buffer__free(c->pb);
	free(c);
	out->ctx = NULL;
}

static void warn(const char *map, int err)
{
	struct json j;
	json_event(&j, "warning");
	json_string(&j, "reason", "events_unavailable");
	json_int(&j, "errno", err);
	json_string(&j, "strerror", strerror(-err));
	json_string(&j, "map", map);
	json_end(&j);
}

void events_open(struct bpf_object *obj, struct output *outs, int *n, int max, int max_per_second)
{
	struct bpf_map *map;
	bpf_object__for_each_map(map, obj) {
		enum bpf_map_type type = bpf_map__type(map);
		if (type != BPF_MAP_TYPE_RINGBUF && type != BPF_MAP_TYPE_PERF_EVENT_ARRAY)
			continue;
		if (*n == max) {
			warn(bpf_map__name(map), -EMFILE);
			continue;
		}
		struct channel *c = calloc(1, sizeof(*c));
		if (!c) {
			warn(bpf_map__name(map), -ENOMEM);
			continue;
		}
		snprintf(c->map, sizeof(c->map), "%s", bpf_map__name(map));
		c->btf = bpf_object__btf(obj);
		c->max_per_second = max_per_second;
		c->window_start = now_ms();
		find_type(c);
		int fd;
		if (type == BPF_MAP_TYPE_RINGBUF) {
			c->kind = "ringbuf";
			c->rb = ring_buffer__new(bpf_map__fd(map), ringbuf_sample, c, NULL);
			fd = c->rb ? ring_buffer__epoll_fd(c->rb) : -1;
		} else {
			c->kind = "perfbuf";
			c->pb = perf_buffer__new(bpf_map__fd(map), PERF_PAGES, perfbuf_sample, perfbuf_lost, c, NULL);
			fd = c->pb ? perf_buffer__epoll_fd(c->pb) : -1;
		}
		if (fd < 0) {
			warn(c->map, -errno);
			free(c);
			continue;
		}
		outs[(*n)++] = (struct output){ .name = c->map, .fd = fd, .drain = events_drain, .close = events_close, .ctx = c };
	}
}
