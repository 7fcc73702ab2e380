// SPDX-License-Identifier: GPL-2.0
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

/* Mapa hash: clave = PID (__u32), valor = número de execve (__u64). */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);
	__type(value, __u64);
} my_map SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_execve")
int count_execve(void *ctx)
{
	/* La mitad alta de bpf_get_current_pid_tgid() es el PID (tgid). */
	__u32 pid = bpf_get_current_pid_tgid() >> 32;
	__u64 one = 1;
	__u64 *count;

	count = bpf_map_lookup_elem(&my_map, &pid);
	if (count) {
		/* Ya existía: sumamos 1 de forma atómica. */
		__sync_fetch_and_add(count, 1);
	} else {
		/* Primera vez que vemos este PID: creamos la entrada. */
		bpf_map_update_elem(&my_map, &pid, &one, BPF_NOEXIST);
	}
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
