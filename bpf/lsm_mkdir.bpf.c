// SPDX-License-Identifier: GPL-2.0
// LSM BPF: niega crear un directorio llamado «secreto»,
// solo a los procesos del cgroup que indica cgroup_objetivo.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#define EPERM 1 /* vmlinux.h no trae las macros de errno */

/* El servidor escribe aquí el id del cgroup de esta ejecución. */
const volatile __u64 cgroup_objetivo = 0;

/* ¿Es nombre igual a «secreto»? Byte a byte, \0 final incluido. */
static __always_inline bool es_secreto(const char *nombre)
{
	const char secreto[] = "secreto";

	for (int i = 0; i < sizeof(secreto); i++)
		if (nombre[i] != secreto[i])
			return false;
	return true;
}

SEC("lsm/path_mkdir")
int BPF_PROG(niega_secreto, const struct path *dir, struct dentry *dentry,
	     umode_t mode, int ret)
{
	char nombre[16];

	if (ret != 0) /* otro programa BPF de este gancho ya ha dicho que no */
		return ret;
	if (bpf_get_current_cgroup_id() != cgroup_objetivo)
		return 0; /* no es un proceso de esta ejecución: no opinamos */
	bpf_probe_read_kernel_str(nombre, sizeof(nombre), dentry->d_name.name);
	if (!es_secreto(nombre))
		return 0;
	bpf_printk("denegado: mkdir %s", nombre);
	return -EPERM;
}

char LICENSE[] SEC("license") = "GPL";
