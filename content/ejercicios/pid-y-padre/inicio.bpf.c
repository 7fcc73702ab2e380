// SPDX-License-Identifier: GPL-2.0
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

SEC("tracepoint/syscalls/sys_enter_execve")
int trace_execve(void *ctx)
{
	struct task_struct *task;
	pid_t pid;

	task = (struct task_struct *)bpf_get_current_task();
	pid = BPF_CORE_READ(task, tgid);
	/* Ejercicio: imprime también el PID del padre y el comando. */
	bpf_printk("execve: pid %d", pid);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
