// SPDX-License-Identifier: GPL-2.0
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define MAX_SLOTS 32	/* cubo 31: 2^31 ns (unos 2 s) o más */

/* Hora de entrada en read(), por hilo. LRU: si nunca vemos la salida de
 * un hilo, su entrada acaba expulsada en lugar de llenar el mapa. */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 10240);
	__type(key, __u32);	/* TID */
	__type(value, __u64);	/* bpf_ktime_get_ns() al entrar */
} start SEC(".maps");

/* El histograma: cubo k = latencias de 2^k a 2^(k+1) - 1 ns.
 * Per-CPU: cada CPU suma en su copia, sin atómicas ni contención. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, MAX_SLOTS);
	__type(key, __u32);
	__type(value, __u64);
} read_ns_hist SEC(".maps");

/* log2 entero (el bit más alto a 1) sin bucles: cinco comparaciones. */
static __always_inline __u32 log2_32(__u32 v)
{
	__u32 r, shift;

	r = (v > 0xFFFF) << 4; v >>= r;
	shift = (v > 0xFF) << 3; v >>= shift; r |= shift;
	shift = (v > 0xF) << 2; v >>= shift; r |= shift;
	shift = (v > 0x3) << 1; v >>= shift; r |= shift;
	r |= (v >> 1);
	return r;
}

static __always_inline __u32 log2_64(__u64 v)
{
	__u32 hi = v >> 32;

	return hi ? log2_32(hi) + 32 : log2_32((__u32)v);
}

SEC("tracepoint/syscalls/sys_enter_read")
int read_enter(void *ctx)
{
	/* La mitad baja de bpf_get_current_pid_tgid() es el hilo (TID). */
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	__u64 ts = bpf_ktime_get_ns();

	bpf_map_update_elem(&start, &tid, &ts, BPF_ANY);
	return 0;
}

SEC("tracepoint/syscalls/sys_exit_read")
int read_exit(void *ctx)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	__u64 *tsp, delta;
	__u32 slot;
	__u64 *count;

	tsp = bpf_map_lookup_elem(&start, &tid);
	if (!tsp)
		return 0;	/* entró antes de enganchar el programa */
	delta = bpf_ktime_get_ns() - *tsp;
	bpf_map_delete_elem(&start, &tid);

	slot = log2_64(delta);
	if (slot >= MAX_SLOTS)
		slot = MAX_SLOTS - 1;
	count = bpf_map_lookup_elem(&read_ns_hist, &slot);
	if (count)
		*count += 1;	/* copia de esta CPU: sin atómicas */
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
