// SPDX-License-Identifier: GPL-2.0
/*
 * Un filtro de socket que solo deja llegar al socket los paquetes ICMP, y de cada uno
 * solo los primeros 64 bytes. Los demás siguen su camino por la pila de red: el filtro
 * decide qué ve este socket, no qué recibe la máquina.
 */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

/* Clave 0: paquetes entregados al socket; clave 1: paquetes que el socket no ve. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} verdicts SEC(".maps");

static void count(__u32 key)
{
	__u64 *n = bpf_map_lookup_elem(&verdicts, &key);

	if (n)
		__sync_fetch_and_add(n, 1);
}

SEC("socket")
int icmp_only(struct __sk_buff *skb)
{
	__u8 proto = 0;

	if (skb->protocol == bpf_htons(ETH_P_IP))
		bpf_skb_load_bytes(skb, ETH_HLEN + __builtin_offsetof(struct iphdr, protocol), &proto, 1);

	if (proto != IPPROTO_ICMP) {
		count(1);
		return 0; /* el socket no recibe nada de este paquete */
	}
	count(0);
	return 64; /* el socket recibe los primeros 64 bytes (o el paquete, si es más corto) */
}

char LICENSE[] SEC("license") = "GPL";
