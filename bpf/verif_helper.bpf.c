// SPDX-License-Identifier: GPL-2.0
/*
 * ROTO A PROPÓSITO: el verificador debe rechazar este programa.
 * bpf_skb_load_bytes() lee bytes de un paquete de red; un tracepoint no tiene paquete.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("tracepoint/syscalls/sys_enter_execve")
int lee_paquete(void *ctx)
{
	char buf[4];

	/* ERROR: un helper de red en un programa de tipo tracepoint. */
	bpf_skb_load_bytes(ctx, 0, buf, sizeof(buf));
	return buf[0];
}

char LICENSE[] SEC("license") = "GPL";
