// SPDX-License-Identifier: GPL-2.0
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <linux/unistd.h> /* __NR_execve, __NR_openat */

#define SLOT_EXECVE 0
#define SLOT_OPENAT 1

struct clave {
	char comm[16];
};

/* Cuántas llamadas a openat() hace cada comando. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, struct clave);
	__type(value, __u64);
} por_comando SEC(".maps");

SEC("tracepoint")
int maneja_execve(struct trace_event_raw_sys_enter *ctx)
{
	char comm[16];

	bpf_get_current_comm(comm, sizeof(comm));
	bpf_printk("execve: %s", comm);
	return 0;
}

/* Ya escrito: cuenta la llamada en por_comando. Falta que el despachador le pase el control. */
SEC("tracepoint")
int maneja_openat(struct trace_event_raw_sys_enter *ctx)
{
	struct clave k = {};
	__u64 uno = 1, *n;

	bpf_get_current_comm(&k.comm, sizeof(k.comm));
	n = bpf_map_lookup_elem(&por_comando, &k);
	if (n)
		__sync_fetch_and_add(n, 1);
	else
		bpf_map_update_elem(&por_comando, &k, &uno, BPF_NOEXIST);
	return 0;
}

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 2);
	__uint(key_size, sizeof(__u32));
	__array(values, int(void *));
} manejadores SEC(".maps") = {
	.values = {
		[SLOT_EXECVE] = (void *)&maneja_execve,
	},
};

SEC("tracepoint/raw_syscalls/sys_enter")
int despacha(struct trace_event_raw_sys_enter *ctx)
{
	switch (ctx->id) {
	case __NR_execve:
		bpf_tail_call(ctx, &manejadores, SLOT_EXECVE);
		break;
	}
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
