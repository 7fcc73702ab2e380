// SPDX-License-Identifier: GPL-2.0
// Sin LSM: mata con SIGKILL al proceso que intenta borrar
// «borrame-2.txt», solo si es del cgroup de esta ejecución.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

#define SIGKILL 9

/* El servidor escribe aquí el id del cgroup de esta ejecución. */
const volatile __u64 cgroup_objetivo = 0;

static __always_inline bool es_prohibido(const char *nombre)
{
	const char prohibido[] = "borrame-2.txt";

	for (int i = 0; i < sizeof(prohibido); i++)
		if (nombre[i] != prohibido[i])
			return false;
	return true;
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
int castiga_unlinkat(struct trace_event_raw_sys_enter *ctx)
{
	char nombre[32];

	if (bpf_get_current_cgroup_id() != cgroup_objetivo)
		return 0; /* solo los procesos que lanzó esta ejecución */
	bpf_probe_read_user_str(nombre, sizeof(nombre), (const char *)ctx->args[1]);
	if (!es_prohibido(nombre))
		return 0;
	bpf_send_signal(SIGKILL);
	bpf_printk("SIGKILL: intentaba borrar %s", nombre);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
