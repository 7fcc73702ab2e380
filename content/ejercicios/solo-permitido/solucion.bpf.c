// Ejercicio: deja crear solo el directorio «permitido»;
// cualquier otro mkdir de esta ejecución, -EPERM.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#define EPERM 1

/* El servidor escribe aquí el id del cgroup de esta
 * ejecución. */
const volatile __u64 cgroup_objetivo = 0;

/* ¿Es nombre igual a «permitido»? Byte a byte, \0 final
 * incluido. */
static __always_inline bool es_permitido(const char *nombre)
{
	const char permitido[] = "permitido";

	for (int i = 0; i < sizeof(permitido); i++)
		if (nombre[i] != permitido[i])
			return false;
	return true;
}

SEC("lsm/path_mkdir")
int BPF_PROG(solo_permitido, const struct path *dir,
	     struct dentry *dentry,
	     umode_t mode, int ret)
{
	char nombre[16];

	if (ret != 0)
		return ret;
	if (bpf_get_current_cgroup_id() != cgroup_objetivo)
		return 0;
	bpf_probe_read_kernel_str(nombre, sizeof(nombre),
				  dentry->d_name.name);
	if (es_permitido(nombre))
		return 0; /* lo único que se permite */
	bpf_printk("denegado: mkdir %s", nombre);
	return -EPERM;
}

char LICENSE[] SEC("license") = "GPL";
