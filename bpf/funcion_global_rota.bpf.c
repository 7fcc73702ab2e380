// SPDX-License-Identifier: GPL-2.0
/*
 * ROTO A PROPÓSITO: el verificador debe rechazar este programa.
 * El llamador acota el índice, pero la función global no: el verificador la
 * comprueba por separado y no sabe qué valores le pasarán.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define CASILLAS 4

__u64 por_casilla[CASILLAS];

/* ERROR: casilla puede ser cualquier __u32 para el verificador. */
__noinline int cuenta(__u32 casilla)
{
	__sync_fetch_and_add(&por_casilla[casilla], 1);
	return 1;
}

SEC("tracepoint/syscalls/sys_enter_execve")
int cuenta_execve(void *ctx)
{
	__u32 pid = bpf_get_current_pid_tgid() >> 32;

	cuenta(pid % CASILLAS); /* de 0 a 3: correcto aquí, pero la función no lo sabe */
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
