// Ejercicio: que cada proceso de la ejecución borre
// UN fichero como mucho, y ni uno más.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

#define SIGKILL 9

/* El servidor escribe aquí el id del cgroup de esta ejecución. */
const volatile __u64 cgroup_objetivo = 0;

/* Borrados por proceso (PID). */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, __u32);
} borrados SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_unlinkat")
int cuota_unlinkat(struct trace_event_raw_sys_enter *ctx)
{
	__u32 pid = bpf_get_current_pid_tgid() >> 32;
	__u32 uno = 1, *n;

	if (bpf_get_current_cgroup_id() != cgroup_objetivo)
		return 0;
	n = bpf_map_lookup_elem(&borrados, &pid);
	if (!n) {
		bpf_map_update_elem(&borrados, &pid, &uno, BPF_ANY);
		return 0;
	}
	/* Ya borró uno: este es el segundo. */
	__sync_fetch_and_add(n, 1);
	bpf_send_signal(SIGKILL);
	bpf_printk("SIGKILL: segundo borrado");
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
