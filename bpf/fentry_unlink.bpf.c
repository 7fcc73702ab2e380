// SPDX-License-Identifier: GPL-2.0
/* fentry: runs on entry to the kernel function do_unlinkat (kernel >= 5.5, BTF).
 * Some virtual machines block function tracing even for root: loading fails with EPERM. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

SEC("fentry/do_unlinkat")
int BPF_PROG(on_unlink, int dfd, void *name)
{
	bpf_printk("unlinkat desde el PID %d", bpf_get_current_pid_tgid() >> 32);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
