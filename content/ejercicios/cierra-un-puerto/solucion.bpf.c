// Ejercicio: deja pasar todas las conexiones
// menos las que van al puerto 8080.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

SEC("cgroup/connect4")
int cierra_puerto(struct bpf_sock_addr *ctx)
{
	/* user_port está en orden de red: se compara con
	 * bpf_htons(8080). */
	if (ctx->user_port == bpf_htons(8080)) {
		bpf_printk("rechazado connect() al puerto %u",
			   bpf_ntohs(ctx->user_port));
		return 0; /* connect() devuelve EPERM */
	}
	return 1; /* las demás, permitidas */
}

char LICENSE[] SEC("license") = "GPL";
