// SPDX-License-Identifier: GPL-2.0
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("tracepoint/syscalls/sys_enter_execve")
int trace_execve(void *ctx)
{
	char comm[16];
	__u32 pid = bpf_get_current_pid_tgid() >> 32;

	bpf_get_current_comm(&comm, sizeof(comm));
	bpf_printk("execve: pid %d, comando %s", pid, comm);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
