// SPDX-License-Identifier: GPL-2.0
/* fentry and fexit on do_unlinkat(): typed arguments (BTF), and on exit the
 * arguments *and* the return value. Kernel >= 5.5 with BTF. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

SEC("fentry/do_unlinkat")
int BPF_PROG(unlink_entry, int dfd, struct filename *name)
{
	/* name is a typed kernel pointer: name->name is read directly. */
	bpf_printk("fentry: borrar %s", name->name);
	return 0;
}

SEC("fexit/do_unlinkat")
int BPF_PROG(unlink_exit, int dfd, struct filename *name, int ret)
{
	bpf_printk("fexit: %s -> %d", name->name, ret);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
