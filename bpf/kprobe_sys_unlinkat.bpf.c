// SPDX-License-Identifier: GPL-2.0
/* The name an old tutorial uses: since 4.17, x86-64 kernels have no function called
 * sys_unlinkat (its entry point is __x64_sys_unlinkat), so attaching fails. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

SEC("kprobe/sys_unlinkat")
int BPF_KPROBE(old_unlinkat)
{
	bpf_printk("sys_unlinkat");
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
