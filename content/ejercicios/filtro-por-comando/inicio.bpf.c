// SPDX-License-Identifier: GPL-2.0
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

/* Configuración: Comprobar la fija antes de cargar. */
const volatile char comando[16] = "";

/* El contador, en .bss (el mapa filtro.bss). */
__u64 ejecuciones = 0;

SEC("tracepoint/syscalls/sys_enter_execve")
int contar(void *ctx)
{
	char comm[16];

	bpf_get_current_comm(comm, sizeof(comm));
	/* TODO: si comm no es igual a comando, no la cuentes. */
	__sync_fetch_and_add(&ejecuciones, 1);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
