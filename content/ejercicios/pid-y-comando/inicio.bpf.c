// SPDX-License-Identifier: GPL-2.0
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("tracepoint/syscalls/sys_enter_execve")
int trace_execve(void *ctx)
{
	/* Ejercicio: imprime el PID y el nombre del proceso que llama a execve. */
	bpf_printk("execve called");
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
