// SPDX-License-Identifier: GPL-2.0
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

/* Ejercicio: cuenta los datagramas UDP por puerto de destino (clave: el puerto, como
 * número normal; valor: datagramas). Ahora el programa cuenta los paquetes por protocolo,
 * como el de la lección. */

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 256);
	__type(key, __u32);
	__type(value, __u64);
} by_port SEC(".maps");

SEC("socket")
int count_udp_ports(struct __sk_buff *skb)
{
	__u8 proto;
	__u32 key;
	__u64 one = 1, *count;

	if (skb->protocol != bpf_htons(ETH_P_IP))
		return skb->len;
	if (bpf_skb_load_bytes(skb, ETH_HLEN + __builtin_offsetof(struct iphdr, protocol), &proto, 1) < 0)
		return skb->len;

	/* TODO: quédate solo con UDP y usa como clave su puerto de destino. */
	key = proto;
	count = bpf_map_lookup_elem(&by_port, &key);
	if (count)
		__sync_fetch_and_add(count, 1);
	else
		bpf_map_update_elem(&by_port, &key, &one, BPF_NOEXIST);
	return skb->len;
}

char LICENSE[] SEC("license") = "GPL";
