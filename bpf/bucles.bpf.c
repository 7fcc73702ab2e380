// SPDX-License-Identifier: GPL-2.0
/*
 * Dos bucles que el verificador acepta: uno con un límite constante (kernel 5.3 o
 * posterior) y otro con bpf_loop() (kernel 5.17 o posterior).
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define VUELTAS 10

/* El cuerpo de bpf_loop(): se llama con i = 0, 1, …; devuelve 0 para seguir, 1 para parar. */
static long suma_paso(__u32 i, void *data)
{
	__u64 *suma = data;

	*suma += i;
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_execve")
int cuenta_execve(void *ctx)
{
	__u64 con_for = 0, con_bpf_loop = 0;

	/* Límite constante: el verificador recorre las 10 vueltas y ve que termina. */
	for (int i = 0; i < VUELTAS; i++)
		con_for += i;

	/* bpf_loop: el verificador comprueba suma_paso() una sola vez, sea cual sea el número de vueltas. */
	bpf_loop(VUELTAS, suma_paso, &con_bpf_loop, 0);

	bpf_printk("for: %llu, bpf_loop: %llu", con_for, con_bpf_loop);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
