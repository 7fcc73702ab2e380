// SPDX-License-Identifier: GPL-2.0
/*
 * ROTO A PROPÓSITO: el verificador debe rechazar este programa.
 * Comprueba que el paquete tiene una cabecera Ethernet entera, pero lee el protocolo
 * de la cabecera IPv4, que va detrás, sin comprobar que el paquete llega hasta ahí.
 */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

SEC("xdp")
int xdp_no_bounds(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip;

	if ((void *)(eth + 1) > data_end)
		return XDP_PASS;
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;

	ip = (void *)(eth + 1);
	/* ERROR: falta «if ((void *)(ip + 1) > data_end) return XDP_PASS;» */
	if (ip->protocol == IPPROTO_ICMP)
		return XDP_DROP;
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
