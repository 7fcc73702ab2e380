// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include "explain.h"

#define CAP_SYS_ADMIN_ 21
#define CAP_PERFMON_ 38
#define CAP_BPF_ 39
#define HAS_CAP(caps, n) (((caps) >> (n)) & 1)

static char last_libbpf_warning[1024];

int explain_libbpf_print(enum libbpf_print_level level, const char *fmt, va_list args)
{
	char buf[1024];
	if (level != LIBBPF_WARN)
		return 0;
	vsnprintf(buf, sizeof(buf), fmt, args);
	if (strstr(buf, "RLIMIT_MEMLOCK") || strstr(buf, "ulimit -l"))
		return 0;
	size_t n = strlen(buf);
	while (n && buf[n - 1] == '\n')
		buf[--n] = 0;
	snprintf(last_libbpf_warning, sizeof(last_libbpf_warning), "%s", buf);
	if (strstr(buf, "-- BEGIN PROG LOAD LOG --"))
		return 0;
	struct json j;
	json_event(&j, "libbpf");
	json_string(&j, "message", buf);
	json_end(&j);
	return 0;
}

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

/* EPERM: "privileges_missing" with the capabilities we lack, or "blocked_by_policy"
 * when we have them (lockdown, or a program type blocked on this machine). */
static void explain_eperm(struct json *j)
{
	unsigned long long caps = cap_eff();
	bool admin = HAS_CAP(caps, CAP_SYS_ADMIN_);
	bool bpf = HAS_CAP(caps, CAP_BPF_), perfmon = HAS_CAP(caps, CAP_PERFMON_);
	if (admin || (bpf && perfmon)) {
		json_string(j, "reason", "blocked_by_policy");
		json_bool(j, "root", geteuid() == 0);
		return;
	}
	json_string(j, "reason", "privileges_missing");
	json_key(j, "missing");
	fprintf(j->f, "[%s%s%s]", bpf ? "" : "\"CAP_BPF\"", !bpf && !perfmon ? "," : "",
		perfmon ? "" : "\"CAP_PERFMON\"");
}

void explain_open_failure(struct json *j, const char *path, int err)
{
	json_string(j, "reason", "open_failed");
	json_string(j, "path", path);
	json_string(j, "strerror", strerror(-err));
	json_bool(j, "btf_warning", strstr(last_libbpf_warning, "BTF") != NULL);
}

void explain_load_failure(struct json *j, int err, bool verifier_log)
{
	if (verifier_log) {
		json_string(j, "reason", "verifier_rejected");
		return;
	}
	if (err == -EPERM) {
		explain_eperm(j);
		return;
	}
	json_string(j, "reason", "load_failed");
	json_string(j, "strerror", strerror(-err));
	json_string(j, "libbpf", last_libbpf_warning);
}

bool explain_is_skip(const struct bpf_program *prog, int err)
{
	return err == -EOPNOTSUPP && bpf_program__type(prog) != BPF_PROG_TYPE_KPROBE;
}

/* Is prog in a slot of one of its object's BPF_MAP_TYPE_PROG_ARRAY maps? From user space a
 * lookup in a prog array gives the id of the program in that slot. */
static bool in_prog_array(struct bpf_object *obj, const struct bpf_program *prog)
{
	struct bpf_prog_info info = { 0 };
	__u32 len = sizeof(info);
	struct bpf_map *map;
	if (bpf_obj_get_info_by_fd(bpf_program__fd(prog), &info, &len))
		return false;
	bpf_object__for_each_map(map, obj) {
		if (bpf_map__type(map) != BPF_MAP_TYPE_PROG_ARRAY)
			continue;
		for (__u32 key = 0; key < bpf_map__max_entries(map); key++) {
			__u32 id = 0;
			if (!bpf_map_lookup_elem(bpf_map__fd(map), &key, &id) && id == info.id)
				return true;
		}
	}
	return false;
}

void explain_skip(struct json *j, struct bpf_object *obj, const struct bpf_program *prog)
{
	const char *reason;
	if (in_prog_array(obj, prog)) {
		json_string(j, "reason", "tail_call");
		return;
	}
	switch (bpf_program__type(prog)) {
	case BPF_PROG_TYPE_XDP:
		reason = "xdp";
		break;
	case BPF_PROG_TYPE_SOCKET_FILTER:
		reason = "socket_filter";
		break;
	case BPF_PROG_TYPE_SCHED_CLS:
	case BPF_PROG_TYPE_SCHED_ACT:
		reason = "tc";
		break;
	case BPF_PROG_TYPE_PERF_EVENT:
		reason = "perf_event";
		break;
	case BPF_PROG_TYPE_CGROUP_SKB:
	case BPF_PROG_TYPE_CGROUP_SOCK:
	case BPF_PROG_TYPE_CGROUP_DEVICE:
	case BPF_PROG_TYPE_CGROUP_SOCK_ADDR:
	case BPF_PROG_TYPE_CGROUP_SYSCTL:
	case BPF_PROG_TYPE_CGROUP_SOCKOPT:
		reason = "cgroup";
		break;
	default:
		reason = "unknown_section";
	}
	json_string(j, "reason", reason);
}

/* Whether this kernel can create kprobes at all: the kprobe PMU, or tracefs's legacy kprobe_events. */
static int kernel_has_kprobes(void)
{
	return access("/sys/bus/event_source/devices/kprobe/type", F_OK) == 0 ||
	       access("/sys/kernel/tracing/kprobe_events", F_OK) == 0 ||
	       access("/sys/kernel/debug/tracing/kprobe_events", F_OK) == 0;
}

static int section_starts(const struct bpf_program *prog, const char *a, const char *b)
{
	const char *sec = bpf_program__section_name(prog);
	return strncmp(sec, a, strlen(a)) == 0 || (b && strncmp(sec, b, strlen(b)) == 0);
}

void explain_attach_failure(struct json *j, const struct bpf_program *prog, int err)
{
	json_int(j, "errno", err);
	/* uprobes are BPF_PROG_TYPE_KPROBE too: a missing binary or symbol is not a missing kprobes. */
	int uprobe = section_starts(prog, "uprobe", "uretprobe") || section_starts(prog, "usdt", NULL);
	int missing = err == -ENOENT || err == -EINVAL || err == -EOPNOTSUPP;
	if (uprobe && (err == -ENOENT || err == -ESRCH))
		json_string(j, "reason", "symbol_missing");
	else if (!uprobe && bpf_program__type(prog) == BPF_PROG_TYPE_KPROBE && missing && !kernel_has_kprobes())
		json_string(j, "reason", "kprobes_missing");
	else if (!uprobe && bpf_program__type(prog) == BPF_PROG_TYPE_KPROBE && missing)
		json_string(j, "reason", "function_missing");
	else if (err == -ENOENT)
		json_string(j, "reason", "target_missing");
	else if (err == -EPERM || err == -EACCES)
		explain_eperm(j);
	else {
		json_string(j, "reason", "system_error");
		json_string(j, "strerror", strerror(-err));
	}
}
