// SPDX-License-Identifier: GPL-2.0
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

SEC("tracepoint/syscalls/sys_enter_execve")
int trace_execve(void *ctx)
{
	struct task_struct *task;
	pid_t pid, ppid;
	char comm[16];

	task = (struct task_struct *)bpf_get_current_task();
	pid = BPF_CORE_READ(task, tgid);
	ppid = BPF_CORE_READ(task, real_parent, tgid);
	bpf_get_current_comm(&comm, sizeof(comm));
	bpf_printk("pid %d, padre %d, comando %s", pid, ppid, comm);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
