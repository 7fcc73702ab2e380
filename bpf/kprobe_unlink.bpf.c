// SPDX-License-Identifier: GPL-2.0
/* kprobe and kretprobe on the kernel function do_unlinkat(): which file is removed
 * (on entry) and what the function returned (on exit). Needs CONFIG_KPROBES. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

SEC("kprobe/do_unlinkat")
int BPF_KPROBE(unlink_entry, int dfd, struct filename *name)
{
	char path[64];

	/* A kprobe's arguments are bare numbers from the CPU registers: every read
	 * through them goes through a bpf_probe_read_kernel*() helper. */
	bpf_probe_read_kernel_str(path, sizeof(path), BPF_CORE_READ(name, name));
	bpf_printk("kprobe: borrar %s", path);
	return 0;
}

SEC("kretprobe/do_unlinkat")
int BPF_KRETPROBE(unlink_exit, int ret)
{
	/* On exit only the return value is left: 0, or -errno (-2 is ENOENT). */
	bpf_printk("kretprobe: do_unlinkat ha devuelto %d", ret);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
