// SPDX-License-Identifier: GPL-2.0
/*
 * XDP: cuenta los paquetes IPv4 que llegan a la interfaz, por protocolo, y los deja pasar todos.
 */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

/* Clave: el número de protocolo de la cabecera IPv4 (1 ICMP, 6 TCP, 17 UDP). Valor: paquetes. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 256);
	__type(key, __u32);
	__type(value, __u64);
} by_protocol SEC(".maps");

SEC("xdp")
int xdp_count(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip;
	__u64 one = 1, *count;
	__u32 key;

	/* Cada lectura del paquete, después de comprobar que el paquete es así de largo. */
	if ((void *)(eth + 1) > data_end)
		return XDP_PASS;
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS; /* ARP, IPv6…: no son IPv4, pasan sin contar */

	ip = (void *)(eth + 1);
	if ((void *)(ip + 1) > data_end)
		return XDP_PASS;

	key = ip->protocol;
	count = bpf_map_lookup_elem(&by_protocol, &key);
	if (count)
		__sync_fetch_and_add(count, 1);
	else
		bpf_map_update_elem(&by_protocol, &key, &one, BPF_NOEXIST);

	return XDP_PASS; /* el paquete sigue hacia la pila de red */
}

char LICENSE[] SEC("license") = "GPL";
