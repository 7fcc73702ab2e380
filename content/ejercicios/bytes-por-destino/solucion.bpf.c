// Ejercicio: cuenta los bytes que van a cada
// dirección IPv4 de destino, en los dos sentidos.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define TC_ACT_OK 0
#define ETH_P_IP 0x0800

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);   /* dirección de destino */
	__type(value, __u64); /* bytes */
} por_destino SEC(".maps");

static __always_inline void cuenta(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = (void *)(eth + 1);
	__u64 bytes = skb->len, *total;
	__u32 destino;

	/* Solo IPv4, y solo si la cabecera IP entera está
	 * en el paquete. */
	if (skb->protocol != bpf_htons(ETH_P_IP))
		return;
	if ((void *)(ip + 1) > data_end)
		return;
	destino = ip->daddr; /* en orden de red, tal cual */

	total = bpf_map_lookup_elem(&por_destino, &destino);
	if (total)
		__sync_fetch_and_add(total, bytes);
	else
		bpf_map_update_elem(&por_destino, &destino, &bytes,
				    BPF_NOEXIST);
}

SEC("tc")
int cuenta_ingress(struct __sk_buff *skb)
{
	cuenta(skb);
	return TC_ACT_OK;
}

SEC("tc")
int cuenta_egress(struct __sk_buff *skb)
{
	cuenta(skb);
	return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
