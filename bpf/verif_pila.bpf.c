// SPDX-License-Identifier: GPL-2.0
/*
 * ROTO A PROPÓSITO: el verificador debe rechazar este programa.
 * Dos funciones, una llama a la otra, y cada una usa 400 bytes de pila: juntas
 * pasan de los 512 bytes que tiene un programa eBPF. (Es un filtro de socket: en
 * x86-64 con kernel 6.13 o posterior, los programas de trazas pueden tener una
 * pila privada más grande, y ahí este ejemplo se aceptaría.)
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

static __attribute__((noinline)) int interior(int n)
{
	volatile char buf[400];

	buf[n & 255] = n;
	return buf[(n + 1) & 255];
}

static __attribute__((noinline)) int exterior(int n)
{
	volatile char buf[400];

	buf[n & 255] = n;
	/* ERROR: 400 bytes aquí + 400 en interior() = 800 > 512. */
	return interior(buf[(n + 3) & 255]);
}

SEC("socket")
int pila_grande(struct __sk_buff *skb)
{
	return exterior(skb->len);
}

char LICENSE[] SEC("license") = "GPL";
