// SPDX-License-Identifier: GPL-2.0
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

/* Cuántos openat() hace cada comando, según el modo de acceso:
 * [0] O_RDONLY (solo lectura), [1] O_WRONLY (solo escritura),
 * [2] O_RDWR (las dos). */
struct clave {
	char comm[16];
};

struct modos {
	__u64 por_modo[4];
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, struct clave);
	__type(value, struct modos);
} aperturas SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_openat")
int cuenta_openat(struct trace_event_raw_sys_enter *ctx)
{
	struct clave k = {};
	struct modos *m;
	/* Los flags de openat() llevan más bits (O_CREAT,
	 * O_CLOEXEC…): el modo son los dos últimos. */
	__u32 modo = ctx->args[2] & 3; /* O_ACCMODE */

	bpf_get_current_comm(&k.comm, sizeof(k.comm));
	m = bpf_map_lookup_elem(&aperturas, &k);
	if (!m) {
		struct modos cero = {};

		bpf_map_update_elem(&aperturas, &k, &cero, BPF_NOEXIST);
		m = bpf_map_lookup_elem(&aperturas, &k);
		if (!m)
			return 0; /* el mapa está lleno */
	}
	__sync_fetch_and_add(&m->por_modo[modo], 1);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
