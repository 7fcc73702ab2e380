// SPDX-License-Identifier: GPL-2.0
// The same exec snoop through a perf buffer: the record is built on
// the stack and copied into the buffer of the CPU it runs on.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

struct event {
	__u32 pid;
	char comm[16];
	char filename[64];
};

struct event *unused_event __attribute__((unused));

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} events SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_execve")
int exec_perfbuf(struct trace_event_raw_sys_enter *ctx)
{
	const char *name = (const char *)ctx->args[0];
	struct event e = {};

	e.pid = bpf_get_current_pid_tgid() >> 32;
	bpf_get_current_comm(e.comm, sizeof(e.comm));
	bpf_probe_read_user_str(e.filename, sizeof(e.filename), name);
	bpf_perf_event_output(ctx, &events, BPF_F_CURRENT_CPU,
			      &e, sizeof(e));
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
