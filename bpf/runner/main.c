// SPDX-License-Identifier: GPL-2.0
/*
 * taller-runner: runs any eBPF object file the way the lessons need.
 *
 *   runner [--json] [--interval MS] [--log-size BYTES] [--max-events N] [--set NAME=VALUE]…
 *          [--ifname IFACE] [--cgroup PATH] file.bpf.o
 *   runner --probe-fentry
 *
 * One sequence, as in libbpf-bootstrap: open, load (keeping each program's
 * verifier log), open the output channels (bpf_printk, ring and perf buffers: at most
 * --max-events rows a second from each, the rest counted as dropped), attach every program
 * libbpf can auto-attach (tracepoint, raw_tp, tp_btf, uprobe, …), the ones that need a
 * target to the sandbox the server gives (--ifname: xdp, tc, tcx, socket; --cgroup: cgroup
 * programs; netattach.c), and say which it cannot and why, then stream the channels and report every map,
 * formatted from BTF, each interval (when it changed) and at exit. SIGINT/SIGTERM
 * detach and destroy everything; the exit status is then 0.
 *
 * Output: one JSON event per line on stdout, codes and data only; the server words
 * them in Spanish (server/bpf/runner-events.ts lists them). --json is accepted for
 * the callers that pass it; it is the only mode.
 */
#include <errno.h>
#include <stdbool.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "events.h"
#include "explain.h"
#include "globals.h"
#include "json.h"
#include "maps.h"
#include "netattach.h"
#include "output.h"
#include "probe.h"
#include "trace.h"

#define MAX_PROGS 64

struct args {
	const char *path;
	int interval_ms;
	size_t log_size;
	int max_events;
	bool probe_fentry;
	struct globals globals; /* --set: written between open and load (globals.c) */
	struct targets targets; /* --ifname, --cgroup: where xdp, tc, socket and cgroup programs go */
};

/* What the sequence made, for the one clean-up path. */
struct run {
	struct bpf_link *links[MAX_PROGS];
	char *logs[MAX_PROGS];
	int nlinks, nprogs, attached, skipped;
	struct output outputs[MAX_OUTPUTS];
	int noutputs;
};

static volatile sig_atomic_t exiting;

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

/* Returns 0, or the exit status for a bad command line (2). */
static int parse_args(int argc, char **argv, struct args *a)
{
	*a = (struct args){ .interval_ms = 1000, .log_size = 1 << 20, .max_events = 100 };
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--probe-fentry"))
			a->probe_fentry = true;
		else if (!strcmp(argv[i], "--json"))
			continue; /* the only mode */
		else if (!strcmp(argv[i], "--interval") && i + 1 < argc)
			a->interval_ms = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--log-size") && i + 1 < argc)
			a->log_size = strtoul(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--max-events") && i + 1 < argc)
			a->max_events = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--ifname") && i + 1 < argc)
			a->targets.ifname = argv[++i];
		else if (!strcmp(argv[i], "--cgroup") && i + 1 < argc)
			a->targets.cgroup = argv[++i];
		else if (!strcmp(argv[i], "--set") && i + 1 < argc) {
			if (!globals_add(&a->globals, argv[++i]))
				goto usage;
		}
		else if (argv[i][0] == '-')
			goto usage;
		else
			a->path = argv[i];
	}
	if (a->probe_fentry || (a->path && a->interval_ms >= 50 && a->log_size >= 4096 && a->max_events >= 0))
		return 0;
usage:
	fprintf(stderr, "usage: %s [--json] [--interval MS] [--log-size BYTES] [--max-events N] [--set NAME=VALUE]... [--ifname IFACE] [--cgroup PATH] file.bpf.o\n"
			"       %s --probe-fentry\n", argv[0], argv[0]);
	return 2;
}

/* {"type":…,"program":…,"section":…: every event about one program starts so. */
static void program_event(struct json *j, const char *type, const struct bpf_program *prog)
{
	json_event(j, type);
	json_string(j, "program", bpf_program__name(prog));
	json_string(j, "section", bpf_program__section_name(prog));
}

/* {"type":"error","stage":…,"errno":…: the caller adds the reason. */
static void error_event(struct json *j, const char *stage, int err)
{
	json_event(j, "error");
	json_string(j, "stage", stage);
	json_int(j, "errno", err);
}

/* The object could not be opened (errno says why). */
static void report_open_failure(const char *path)
{
	struct json j;
	int err = -errno;
	error_event(&j, "open", err);
	explain_open_failure(&j, path, err);
	json_end(&j);
}

/* Gives each program a buffer for its verifier log. */
static void keep_verifier_logs(struct bpf_object *obj, struct run *r, size_t log_size)
{
	struct bpf_program *prog;
	bpf_object__for_each_program(prog, obj) {
		if (r->nprogs == MAX_PROGS)
			break;
		r->logs[r->nprogs] = calloc(1, log_size);
		if (r->logs[r->nprogs])
			bpf_program__set_log_buf(prog, r->logs[r->nprogs], log_size);
		r->nprogs++;
	}
}

/* Load failed: each verifier log that says why, then the error. */
static void report_load_failure(struct bpf_object *obj, struct run *r, int err)
{
	struct bpf_program *prog;
	struct json j;
	bool verifier = false;
	int i = 0;
	bpf_object__for_each_program(prog, obj) {
		if (i < r->nprogs && r->logs[i] && r->logs[i][0]) {
			verifier = true;
			program_event(&j, "verifier", prog);
			json_int(&j, "errno", err);
			json_string(&j, "log", r->logs[i]);
			json_end(&j);
		}
		i++;
	}
	error_event(&j, "load", err);
	explain_load_failure(&j, err, verifier);
	json_end(&j);
}

/* Did a program's verifier log fill its whole buffer? */
static bool any_log_full(const struct run *r, size_t log_size)
{
	for (int i = 0; i < r->nprogs; i++)
		if (r->logs[i] && strlen(r->logs[i]) >= log_size - 1)
			return true;
	return false;
}

/*
 * Before Linux 6.4 the verifier log keeps its beginning: when it fills the buffer, the
 * error at its end is lost and the load fails with ENOSPC whatever the real cause.
 * Load once more with statistics only (log level 4): the verifier then logs just its
 * error messages and the final counts, which fit. Returns the new object (the caller
 * reports its logs and error) or NULL when it cannot be opened again.
 */
static struct bpf_object *reload_with_stats(struct bpf_object *obj, struct run *r, const struct args *a, int *err)
{
	const char *path = a->path;
	size_t log_size = a->log_size;
	struct bpf_program *prog;
	int i = 0;
	bpf_object__close(obj);
	obj = bpf_object__open_file(path, NULL);
	if (!obj)
		return NULL;
	if (!globals_apply(obj, &a->globals)) { /* the same --set values as the first load */
		*err = -EINVAL;
		return obj;
	}
	bpf_object__for_each_program(prog, obj) {
		if (i < r->nprogs && r->logs[i]) {
			memset(r->logs[i], 0, log_size);
			bpf_program__set_log_buf(prog, r->logs[i], log_size);
			bpf_program__set_log_level(prog, 4);
		}
		i++;
	}
	*err = bpf_object__load(obj);
	return obj;
}

/* Programs as the kernel knows them (ids for bpftool). */
static void report_loaded(struct bpf_object *obj)
{
	struct bpf_program *prog;
	struct json j;
	bpf_object__for_each_program(prog, obj) {
		struct bpf_prog_info info = { 0 };
		__u32 len = sizeof(info);
		bpf_obj_get_info_by_fd(bpf_program__fd(prog), &info, &len);
		program_event(&j, "loaded", prog);
		json_int(&j, "id", info.id);
		json_end(&j);
	}
}

/* The output channels: bpf_printk's trace pipe, then one per ring buffer and perf buffer
 * map (events.c). A channel that cannot be opened is a warning, not a failure. */
static void open_outputs(struct bpf_object *obj, struct run *r, int max_events)
{
	struct json j;
	int err = trace_open(&r->outputs[r->noutputs]);
	if (!err) {
		r->noutputs++;
	} else {
		json_event(&j, "warning");
		json_string(&j, "reason", "printk_unavailable");
		json_int(&j, "errno", err);
		json_string(&j, "strerror", strerror(-err));
		json_end(&j);
	}
	events_open(obj, r->outputs, &r->noutputs, MAX_OUTPUTS, max_events);
}

/* Attaches every program libbpf can, and the sandbox's (netattach.c); each gets "attached",
 * "skipped" or "attach_failed". */
static void attach_all(struct bpf_object *obj, struct run *r, const struct targets *t)
{
	struct bpf_program *prog;
	struct json j;
	bpf_object__for_each_program(prog, obj) {
		if (!bpf_program__autoload(prog))
			continue;
		struct bpf_link *link = NULL;
		char where[64] = "";
		int err;
		if (!net_attach(prog, t, &link, &err, where, sizeof(where), r->outputs, &r->noutputs, MAX_OUTPUTS)) {
			link = bpf_program__attach(prog);
			err = link ? 0 : -errno;
		}
		if (!err) {
			if (link && r->nlinks < MAX_PROGS)
				r->links[r->nlinks++] = link;
			r->attached++;
			program_event(&j, "attached", prog);
			if (where[0])
				json_string(&j, "target", where);
		} else if (explain_is_skip(prog, err)) {
			r->skipped++;
			program_event(&j, "skipped", prog);
			explain_skip(&j, obj, prog);
		} else {
			program_event(&j, "attach_failed", prog);
			explain_attach_failure(&j, prog, err);
		}
		json_end(&j);
	}
	json_event(&j, "ready");
	json_int(&j, "attached", r->attached);
	json_int(&j, "skipped", r->skipped);
	json_end(&j);
}

/* Until SIGINT/SIGTERM: the output channels as they come, the maps each interval. */
static void stream(struct bpf_object *obj, struct run *r, int interval_ms)
{
	long long next_report = now_ms() + interval_ms;
	while (!exiting) {
		long long wait = next_report - now_ms();
		outputs_poll(r->outputs, r->noutputs, wait > 0 ? (int)wait : 0);
		if (now_ms() >= next_report) {
			maps_report(obj, false);
			next_report = now_ms() + interval_ms;
		}
	}
	outputs_drain(r->outputs, r->noutputs); /* what came before the signal */
}

int main(int argc, char **argv)
{
	struct args args;
	struct bpf_object *obj = NULL;
	struct run run = { 0 };
	struct json j;
	int err, status = 1;

	libbpf_set_print(explain_libbpf_print);
	err = parse_args(argc, argv, &args);
	if (err)
		return err;
	if (args.probe_fentry)
		return probe_fentry();
	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGPIPE, SIG_IGN);

	/* 1. open */
	obj = bpf_object__open_file(args.path, NULL);
	if (!obj) {
		report_open_failure(args.path);
		goto cleanup;
	}
	keep_verifier_logs(obj, &run, args.log_size);
	if (!globals_apply(obj, &args.globals)) /* the skeleton's skel->rodata->x = … */
		goto cleanup;

	/* 2. load: on failure, libbpf retries with the verifier log into our buffers */
	err = bpf_object__load(obj);
	if (err == -ENOSPC && any_log_full(&run, args.log_size)) {
		obj = reload_with_stats(obj, &run, &args, &err);
		if (!obj) {
			report_open_failure(args.path);
			goto cleanup;
		}
	}
	if (err) {
		report_load_failure(obj, &run, err);
		goto cleanup;
	}
	report_loaded(obj);

	/* 3. output channels, before attaching so that no line is missed */
	open_outputs(obj, &run, args.max_events);

	/* 4. attach */
	attach_all(obj, &run, &args.targets);
	if (run.attached == 0) {
		error_event(&j, "attach", 0);
		json_string(&j, "reason", "nothing_attached");
		json_end(&j);
		goto cleanup;
	}

	/* 5. stream until SIGINT/SIGTERM, then the maps as they are at the end */
	stream(obj, &run, args.interval_ms);
	maps_report(obj, true);
	status = 0;

cleanup:
	/* 6. one clean-up path: detach, destroy, remove what the channels made */
	for (int i = 0; i < run.nlinks; i++)
		bpf_link__destroy(run.links[i]);
	net_detach_all();
	bpf_object__close(obj);
	outputs_close(run.outputs, run.noutputs);
	for (int i = 0; i < run.nprogs; i++)
		free(run.logs[i]);
	maps_forget();
	json_event(&j, "exit");
	json_int(&j, "status", status);
	json_end(&j);
	return status;
}
