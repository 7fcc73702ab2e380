// SPDX-License-Identifier: GPL-2.0
/* A uprobe on a function bash does not have (a misspelt name, or a symbol a
 * stripped binary no longer carries): libbpf cannot find its address. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

SEC("uretprobe//bin/bash:read_line")
int BPF_KRETPROBE(bash_read_line, const char *ret)
{
	bpf_printk("nunca llega aquí");
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
