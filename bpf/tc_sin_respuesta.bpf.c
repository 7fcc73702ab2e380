// SPDX-License-Identifier: GPL-2.0
/* Descarta a la salida de srv0 las respuestas a ping (ICMP echo reply):
 * los pings llegan, pero no sale ninguna respuesta. XDP no podría: solo
 * ve lo que entra. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define TC_ACT_OK 0
#define TC_ACT_SHOT 2
#define ETH_P_IP 0x0800
#define ICMP_ECHOREPLY 0

SEC("tc")
int respuestas_egress(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = (void *)(eth + 1);
	struct icmphdr *icmp;

	if (skb->protocol != bpf_htons(ETH_P_IP))
		return TC_ACT_OK;
	if ((void *)(ip + 1) > data_end || ip->protocol != IPPROTO_ICMP)
		return TC_ACT_OK;
	/* La cabecera IP mide ihl * 4 bytes (20 sin opciones). */
	icmp = (void *)ip + ip->ihl * 4;
	if ((void *)(icmp + 1) > data_end)
		return TC_ACT_OK;
	if (icmp->type == ICMP_ECHOREPLY) {
		bpf_printk("descartada la respuesta a ping %u", bpf_ntohs(icmp->un.echo.sequence));
		return TC_ACT_SHOT;
	}
	return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
