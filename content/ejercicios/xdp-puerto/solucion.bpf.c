// SPDX-License-Identifier: GPL-2.0
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/tcp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

/* Descarta los segmentos TCP dirigidos al puerto 8080 y deja
 * pasar todo lo demás. */

#define BLOCKED_PORT 8080

/* Clave: la decisión (1 = XDP_DROP, 2 = XDP_PASS).
 * Valor: paquetes. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u64);
} by_action SEC(".maps");

static __u32 count(__u32 action)
{
	__u64 one = 1, *n = bpf_map_lookup_elem(&by_action, &action);

	if (n)
		__sync_fetch_and_add(n, 1);
	else
		bpf_map_update_elem(&by_action, &action, &one,
				    BPF_NOEXIST);
	return action;
}

SEC("xdp")
int xdp_block_port(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip;
	struct tcphdr *tcp;

	if ((void *)(eth + 1) > data_end)
		return count(XDP_PASS);
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return count(XDP_PASS);

	ip = (void *)(eth + 1);
	if ((void *)(ip + 1) > data_end)
		return count(XDP_PASS);
	if (ip->protocol != IPPROTO_TCP)
		return count(XDP_PASS);

	/* La cabecera IPv4 mide ihl * 4 bytes (20 sin opciones):
	 * TCP empieza detrás. */
	tcp = (void *)ip + ip->ihl * 4;
	if ((void *)(tcp + 1) > data_end)
		return count(XDP_PASS);

	/* El puerto va en orden de red (big endian): se compara
	 * con bpf_htons(). */
	if (tcp->dest == bpf_htons(BLOCKED_PORT))
		return count(XDP_DROP);
	return count(XDP_PASS);
}

char LICENSE[] SEC("license") = "GPL";
