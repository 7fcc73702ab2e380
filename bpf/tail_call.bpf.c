// SPDX-License-Identifier: GPL-2.0
/*
 * Un despachador en la entrada de todas las llamadas al sistema: según el número de
 * la llamada, pasa el control (tail call) al programa que la trata.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <linux/unistd.h> /* __NR_execve, __NR_openat: los números de tu arquitectura */

#define SLOT_EXECVE 0
#define SLOT_OPENAT 1

/* Los manejadores: SEC("tracepoint") sin nombre de evento, porque no se enganchan a nada;
 * solo se llega a ellos desde el despachador. Reciben el mismo contexto que él. */
SEC("tracepoint")
int maneja_execve(struct trace_event_raw_sys_enter *ctx)
{
	char comm[16];

	bpf_get_current_comm(comm, sizeof(comm));
	bpf_printk("manejador de execve: %s", comm);
	return 0;
}

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} aperturas SEC(".maps");

SEC("tracepoint")
int maneja_openat(struct trace_event_raw_sys_enter *ctx)
{
	__u32 cero = 0;
	__u64 *n = bpf_map_lookup_elem(&aperturas, &cero);

	if (n)
		__sync_fetch_and_add(n, 1);
	return 0;
}

/* El mapa de programas, relleno al cargar: libbpf pone en cada casilla el programa indicado. */
struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 2);
	__uint(key_size, sizeof(__u32));
	__array(values, int(void *));
} manejadores SEC(".maps") = {
	.values = {
		[SLOT_EXECVE] = (void *)&maneja_execve,
		[SLOT_OPENAT] = (void *)&maneja_openat,
	},
};

SEC("tracepoint/raw_syscalls/sys_enter")
int despacha(struct trace_event_raw_sys_enter *ctx)
{
	switch (ctx->id) {
	case __NR_execve:
		bpf_tail_call(ctx, &manejadores, SLOT_EXECVE);
		break;
	case __NR_openat:
		bpf_tail_call(ctx, &manejadores, SLOT_OPENAT);
		break;
	}
	/* Solo se llega aquí si no hay tail call: otra llamada, o una casilla vacía. */
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
