// SPDX-License-Identifier: GPL-2.0
/* ksyscall: a kprobe on the unlinkat() system call, whatever this kernel and CPU
 * call its entry function (__x64_sys_unlinkat, __arm64_sys_unlinkat…). libbpf >= 1.0. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>	/* BPF_KSYSCALL reads the registers with BPF_CORE_READ */

SEC("ksyscall/unlinkat")
int BPF_KSYSCALL(unlinkat_entry, int dfd, const char *pathname, int flag)
{
	char path[64];

	/* The arguments are the process's own: pathname points to user memory. */
	bpf_probe_read_user_str(path, sizeof(path), pathname);
	bpf_printk("unlinkat(%d, \"%s\", %d)", dfd, path, flag);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
