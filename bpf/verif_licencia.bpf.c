// SPDX-License-Identifier: MIT
/*
 * ROTO A PROPÓSITO: el verificador debe rechazar este programa.
 * bpf_printk() usa un helper solo para programas con licencia compatible con GPL.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("tracepoint/syscalls/sys_enter_execve")
int saluda_execve(void *ctx)
{
	bpf_printk("execve");
	return 0;
}

/* ERROR: "MIT" no es compatible con GPL para el kernel. */
char LICENSE[] SEC("license") = "MIT";
