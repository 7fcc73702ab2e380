// SPDX-License-Identifier: GPL-2.0
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

SEC("tracepoint/syscalls/sys_enter_execve")
int trace_parent(void *ctx)
{
	struct task_struct *task;
	pid_t ppid;

	task = (struct task_struct *)bpf_get_current_task();
	ppid = BPF_CORE_READ(task, real_parent, tgid);
	bpf_printk("execve, padre %d", ppid);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
