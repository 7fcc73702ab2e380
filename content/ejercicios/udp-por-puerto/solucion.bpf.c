// SPDX-License-Identifier: GPL-2.0
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

/* Cuenta los datagramas UDP por puerto de destino. */

/* Clave: el puerto de destino (en el orden de tu CPU).
 * Valor: datagramas. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 256);
	__type(key, __u32);
	__type(value, __u64);
} by_port SEC(".maps");

SEC("socket")
int count_udp_ports(struct __sk_buff *skb)
{
	__u8 proto, first;
	__u16 dest;
	__u32 ihl, key;
	__u64 one = 1, *count;

	if (skb->protocol != bpf_htons(ETH_P_IP))
		return skb->len;
	if (bpf_skb_load_bytes(skb, ETH_HLEN +
			       __builtin_offsetof(struct iphdr, protocol),
			       &proto, 1) < 0)
		return skb->len;
	if (proto != IPPROTO_UDP)
		return skb->len;

	/* El primer byte de IPv4: versión (4 bits altos) e ihl
	 * (4 bits bajos), la longitud de la cabecera en palabras
	 * de 4 bytes. UDP empieza justo detrás. */
	if (bpf_skb_load_bytes(skb, ETH_HLEN, &first, 1) < 0)
		return skb->len;
	ihl = (first & 0x0f) * 4;
	if (bpf_skb_load_bytes(skb, ETH_HLEN + ihl +
			       __builtin_offsetof(struct udphdr, dest),
			       &dest, 2) < 0)
		return skb->len;

	/* En el paquete, el puerto está en orden de red
	 * (big endian). */
	key = bpf_ntohs(dest);
	count = bpf_map_lookup_elem(&by_port, &key);
	if (count)
		__sync_fetch_and_add(count, 1);
	else
		bpf_map_update_elem(&by_port, &key, &one, BPF_NOEXIST);
	return skb->len;
}

char LICENSE[] SEC("license") = "GPL";
