// SPDX-License-Identifier: GPL-2.0
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct key {
	char comm[16];
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, struct key);
	__type(value, __u64);
} by_comm SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_execve")
int count_by_comm(void *ctx)
{
	struct key k = {};
	__u64 one = 1, *count;

	bpf_get_current_comm(&k.comm, sizeof(k.comm));
	count = bpf_map_lookup_elem(&by_comm, &k);
	if (count)
		__sync_fetch_and_add(count, 1);
	else
		bpf_map_update_elem(&by_comm, &k, &one, BPF_NOEXIST);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
