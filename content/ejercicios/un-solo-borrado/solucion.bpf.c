// Ejercicio: que cada proceso de la ejecución borre
// UN fichero como mucho, y ni uno más.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

#define SIGKILL 9

/* El servidor escribe aquí el id del cgroup de esta
 * ejecución. */
const volatile __u64 cgroup_objetivo = 0;

/* Borrados por proceso (PID). */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, __u32);
} borrados SEC(".maps");

/* A la salida: el borrado ya se hizo (o falló). La señal llega
 * antes de que el proceso vuelva a su código: no hará otro. */
SEC("tracepoint/syscalls/sys_exit_unlinkat")
int cuota_unlinkat(struct trace_event_raw_sys_exit *ctx)
{
	__u32 pid = bpf_get_current_pid_tgid() >> 32;
	__u32 uno = 1;

	if (bpf_get_current_cgroup_id() != cgroup_objetivo)
		return 0;
	if (ctx->ret != 0)
		return 0; /* no borró nada: no cuenta */
	bpf_map_update_elem(&borrados, &pid, &uno, BPF_ANY);
	bpf_send_signal(SIGKILL);
	bpf_printk("SIGKILL: ya ha borrado uno");
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
