// SPDX-License-Identifier: GPL-2.0
/*
 * Un filtro de socket que cuenta los paquetes IPv4 por protocolo (1 ICMP, 6 TCP, 17 UDP…)
 * y deja pasar todos al socket: devuelve la longitud entera del paquete.
 */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

/* Clave: el número de protocolo de la cabecera IPv4. Valor: paquetes vistos. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 256);
	__type(key, __u32);
	__type(value, __u64);
} by_protocol SEC(".maps");

SEC("socket")
int count_protocols(struct __sk_buff *skb)
{
	__u8 proto;
	__u32 key;
	__u64 one = 1, *count;

	/* skb->protocol es el EtherType del paquete, en orden de red. */
	if (skb->protocol != bpf_htons(ETH_P_IP))
		return skb->len;
	/* El socket es AF_PACKET: el paquete empieza en la cabecera Ethernet (14 bytes). */
	if (bpf_skb_load_bytes(skb, ETH_HLEN + __builtin_offsetof(struct iphdr, protocol), &proto, 1) < 0)
		return skb->len;

	key = proto;
	count = bpf_map_lookup_elem(&by_protocol, &key);
	if (count)
		__sync_fetch_and_add(count, 1);
	else
		bpf_map_update_elem(&by_protocol, &key, &one, BPF_NOEXIST);

	/* Cuántos bytes del paquete recibe el socket: todos. 0 sería «ninguno». */
	return skb->len;
}

char LICENSE[] SEC("license") = "GPL";
