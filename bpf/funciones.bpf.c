// SPDX-License-Identifier: GPL-2.0
/*
 * Dos funciones que se llaman de verdad (no se copian en el llamador): una estática
 * y una global. Cada execve se cuenta en una casilla según la longitud del nombre
 * del proceso que lo llama.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define CASILLAS 4

/* Cuántos execve ha habido según la longitud del nombre: 1-4, 5-8, 9-12, 13-15 letras. */
__u64 por_longitud[CASILLAS];

/* Estática: el verificador la comprueba en cada llamada, con lo que sabe del llamador. */
static __noinline __u32 longitud(const char *comm)
{
	__u32 n = 0;

	for (int i = 0; i < 16; i++) {
		if (!comm[i])
			break;
		n++;
	}
	return n;
}

/* Global: el verificador la comprueba una sola vez, por su cuenta, con cualquier argumento
 * que admita su tipo; por eso tiene que acotar ella misma el índice. */
__noinline long cuenta(__u32 casilla)
{
	if (casilla >= CASILLAS)
		return -1;
	__sync_fetch_and_add(&por_longitud[casilla], 1);
	return por_longitud[casilla];
}

SEC("tracepoint/syscalls/sys_enter_execve")
int clasifica_execve(void *ctx)
{
	char comm[16] = {};
	__u32 n, casilla;

	bpf_get_current_comm(comm, sizeof(comm));
	n = longitud(comm);
	if (n == 0)
		return 0;
	casilla = (n - 1) / 4;
	bpf_printk("%s: casilla %u, %ld execve en ella", comm, casilla, cuenta(casilla));
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
