// SPDX-License-Identifier: GPL-2.0
// Variables globales: configuración de solo lectura (.rodata),
// fijada antes de cargar, y contadores (.bss, .data).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

/* Configuración: el cargador la escribe ANTES de cargar.
 * Después es de solo lectura. */
const volatile __u32 pid_objetivo = 0; /* 0: cualquier proceso */
const volatile char comando[16] = "";  /* "": cualquier comando */

/* Contadores: los escribe el programa, los lee el usuario. */
__u64 vistas = 0;        /* .bss: valor inicial 0 */
__u64 coincidencias = 0; /* .bss */
__s32 quedan = 5;        /* .data: valor inicial distinto de 0 */

/* ¿Es comm igual a comando? Byte a byte, hasta el \0 final. */
static __always_inline bool es_el_comando(const char *comm)
{
	for (int i = 0; i < sizeof(comando); i++) {
		if (comm[i] != comando[i])
			return false;
		if (comm[i] == '\0')
			break;
	}
	return true;
}

SEC("tracepoint/syscalls/sys_enter_execve")
int contar_execve(void *ctx)
{
	__u32 pid = bpf_get_current_pid_tgid() >> 32;
	char comm[16];

	__sync_fetch_and_add(&vistas, 1);
	if (pid_objetivo != 0 && pid != pid_objetivo)
		return 0;
	bpf_get_current_comm(comm, sizeof(comm));
	if (comando[0] != '\0' && !es_el_comando(comm))
		return 0;
	__sync_fetch_and_add(&coincidencias, 1);
	/* Solo las primeras líneas; las demás, solo en el contador. */
	if (quedan > 0) {
		__sync_fetch_and_add(&quedan, -1);
		bpf_printk("execve de %s (pid %d)", comm, pid);
	}
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
