// SPDX-License-Identifier: GPL-2.0
/* cgroup/connect4: se ejecuta en cada connect() IPv4 de los procesos del
 * cgroup al que se engancha. Este solo mira y deja pasar. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);   /* puerto de destino, en orden del host */
	__type(value, __u64); /* connect() vistos */
} por_puerto SEC(".maps");

SEC("cgroup/connect4")
int mira_connect(struct bpf_sock_addr *ctx)
{
	/* user_ip4 y user_port vienen en orden de red (big endian). */
	__u32 ip = bpf_ntohl(ctx->user_ip4);
	__u32 puerto = bpf_ntohs(ctx->user_port);
	__u64 uno = 1, *n;

	bpf_printk("connect() a %u.%u.%u.%u:%u", ip >> 24, (ip >> 16) & 0xff,
		   (ip >> 8) & 0xff, ip & 0xff, puerto);
	n = bpf_map_lookup_elem(&por_puerto, &puerto);
	if (n)
		__sync_fetch_and_add(n, 1);
	else
		bpf_map_update_elem(&por_puerto, &puerto, &uno, BPF_NOEXIST);
	return 1; /* 1: se permite */
}

char LICENSE[] SEC("license") = "GPL";
