// SPDX-License-Identifier: GPL-2.0
// An exec snoop through a ring buffer: one record per execve() with
// the PID, the command and the program it runs.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

struct event {
	__u32 pid;
	char comm[16];
	char filename[64];
};

/* An unused typed global keeps struct event in the object's BTF:
 * the workshop decodes each record with it (as bpf2go and
 * libbpf-bootstrap users do). */
struct event *unused_event __attribute__((unused));

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024); /* in bytes */
} events SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_execve")
int exec_ringbuf(struct trace_event_raw_sys_enter *ctx)
{
	const char *name = (const char *)ctx->args[0];
	struct event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);

	if (!e) /* the buffer is full: this event is lost */
		return 0;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	bpf_probe_read_user_str(e->filename, sizeof(e->filename), name);
	bpf_ringbuf_submit(e, 0);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
