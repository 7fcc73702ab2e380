// SPDX-License-Identifier: GPL-2.0
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define COMM_LEN 16

/* La clave es el nombre del proceso (comm), una cadena de 16 bytes. */
struct comm_key {
	char comm[COMM_LEN];
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, struct comm_key);
	__type(value, __u64);
} execve_by_comm SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_execve")
int count_execve_by_comm(void *ctx)
{
	struct comm_key key = {};
	__u64 one = 1;
	__u64 *count;

	/* Nombre del proceso que llama a execve (antes de cambiar de programa). */
	bpf_get_current_comm(&key.comm, sizeof(key.comm));

	count = bpf_map_lookup_elem(&execve_by_comm, &key);
	if (count)
		__sync_fetch_and_add(count, 1);
	else
		bpf_map_update_elem(&execve_by_comm, &key, &one, BPF_NOEXIST);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
