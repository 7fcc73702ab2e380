// SPDX-License-Identifier: GPL-2.0
/* Un clasificador tc en los dos sentidos de srv0: cuenta paquetes y bytes
 * por sentido y protocolo, y los deja pasar todos. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

/* Constantes de <linux/pkt_cls.h> y <linux/if_ether.h>: son #define,
 * así que vmlinux.h (que sale del BTF) no las trae. */
#define TC_ACT_OK 0
#define ETH_P_IP 0x0800

struct clave {
	char sentido[8];
	char proto[8];
};

struct total {
	__u64 paquetes;
	__u64 bytes;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 32);
	__type(key, struct clave);
	__type(value, struct total);
} trafico SEC(".maps");

static __always_inline void cuenta(struct __sk_buff *skb, const char *sentido)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct clave k = {};
	struct total uno = { 1, skb->len }, *t;

	__builtin_memcpy(k.sentido, sentido, 7);
	__builtin_memcpy(k.proto, "otro", 5);
	/* skb->protocol: el protocolo de red, en orden de red. */
	if (skb->protocol == bpf_htons(ETH_P_IP)) {
		struct ethhdr *eth = data;
		struct iphdr *ip = (void *)(eth + 1);

		/* El verificador exige comprobar los límites antes de leer. */
		if ((void *)(ip + 1) > data_end)
			return;
		if (ip->protocol == IPPROTO_ICMP)
			__builtin_memcpy(k.proto, "icmp", 5);
		else if (ip->protocol == IPPROTO_TCP)
			__builtin_memcpy(k.proto, "tcp", 4);
		else if (ip->protocol == IPPROTO_UDP)
			__builtin_memcpy(k.proto, "udp", 4);
		bpf_printk("%s: %s, %u bytes", sentido, k.proto, skb->len);
	} else {
		__builtin_memcpy(k.proto, "no-ipv4", 8);
	}

	t = bpf_map_lookup_elem(&trafico, &k);
	if (t) {
		__sync_fetch_and_add(&t->paquetes, 1);
		__sync_fetch_and_add(&t->bytes, skb->len);
	} else {
		bpf_map_update_elem(&trafico, &k, &uno, BPF_NOEXIST);
	}
}

/* Sin _egress al final: el taller lo engancha a la entrada (ingress). */
SEC("tc")
int cuenta_ingress(struct __sk_buff *skb)
{
	cuenta(skb, "entrada");
	return TC_ACT_OK;
}

/* Terminado en _egress: a la salida. */
SEC("tc")
int cuenta_egress(struct __sk_buff *skb)
{
	cuenta(skb, "salida");
	return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
