// SPDX-License-Identifier: GPL-2.0
/* El mismo contador con tcx (kernel 6.6 o posterior, libbpf 1.3 o posterior):
 * un enlace BPF en lugar de una qdisc clsact y un filtro. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

/* tcx: pasa al siguiente programa de la cadena (o acepta, si es el último). */
#define TCX_NEXT (-1)

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} paquetes SEC(".maps");

SEC("tcx/ingress")
int tcx_entrada(struct __sk_buff *skb)
{
	__u32 cero = 0;
	__u64 *n = bpf_map_lookup_elem(&paquetes, &cero);

	if (n)
		__sync_fetch_and_add(n, 1);
	bpf_printk("tcx: entra un paquete de %u bytes", skb->len);
	return TCX_NEXT;
}

char LICENSE[] SEC("license") = "GPL";
