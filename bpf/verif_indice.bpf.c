// SPDX-License-Identifier: GPL-2.0
/*
 * ROTO A PROPÓSITO: el verificador debe rechazar este programa.
 * Reparte los execve en 8 casillas según el PID, pero olvida acotar el índice.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define CASILLAS 8

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, __u64[CASILLAS]);
} casillas SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_execve")
int reparte_execve(void *ctx)
{
	__u32 key = 0;
	__u32 i = bpf_get_current_pid_tgid();
	__u64 *v = bpf_map_lookup_elem(&casillas, &key);

	if (!v)
		return 0;
	/* ERROR: i puede valer hasta 4 294 967 295; la casilla debía ser i % CASILLAS. */
	v[i] += 1;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
