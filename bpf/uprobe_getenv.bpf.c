// SPDX-License-Identifier: GPL-2.0
/* uprobe + uretprobe on getenv() in the C library: which variable each program asks
 * for (an argument, seen on entry) and what it gets (the return value, seen on exit). */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

/* The argument of each call in progress, by thread: the uretprobe no longer has it. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, __u32);
	__type(value, __u64);
} calls SEC(".maps");

SEC("uprobe/libc.so.6:getenv")
int BPF_KPROBE(getenv_entry, const char *name)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	__u64 ptr = (__u64)name;

	bpf_map_update_elem(&calls, &tid, &ptr, BPF_ANY);
	return 0;
}

SEC("uretprobe/libc.so.6:getenv")
int BPF_KRETPROBE(getenv_exit, const char *value)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	char name[32], val[48];
	__u64 *ptr = bpf_map_lookup_elem(&calls, &tid);

	if (!ptr)
		return 0;	/* we attached while this call was running */
	bpf_probe_read_user_str(name, sizeof(name), (const void *)*ptr);
	bpf_map_delete_elem(&calls, &tid);
	if (!value) {	/* the variable is not set */
		bpf_printk("getenv(\"%s\") = NULL", name);
		return 0;
	}
	bpf_probe_read_user_str(val, sizeof(val), value);
	bpf_printk("getenv(\"%s\") = \"%s\"", name, val);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
