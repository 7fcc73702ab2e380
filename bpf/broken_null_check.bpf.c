// SPDX-License-Identifier: GPL-2.0
/*
 * ROTO A PROPÓSITO: el verificador debe rechazar este programa.
 * Falta comprobar si bpf_map_lookup_elem() devolvió NULL.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);
	__type(value, __u64);
} my_map SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_execve")
int broken_execve(void *ctx)
{
	__u32 pid = bpf_get_current_pid_tgid() >> 32;
	__u64 *count;

	count = bpf_map_lookup_elem(&my_map, &pid);
	/* ERROR: si el PID no está en el mapa, count es NULL. */
	*count += 1;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
