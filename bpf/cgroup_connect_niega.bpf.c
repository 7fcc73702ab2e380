// SPDX-License-Identifier: GPL-2.0
/* Rechaza todos los connect() IPv4 de los procesos del cgroup: la
 * llamada falla con EPERM. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

SEC("cgroup/connect4")
int niega_connect(struct bpf_sock_addr *ctx)
{
	bpf_printk("rechazado connect() al puerto %u", bpf_ntohs(ctx->user_port));
	return 0; /* 0: connect() devuelve EPERM */
}

char LICENSE[] SEC("license") = "GPL";
