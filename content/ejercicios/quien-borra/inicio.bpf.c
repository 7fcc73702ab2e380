// Ejercicio: imprime el nombre de cada fichero
// que se borra con unlinkat().
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

SEC("ksyscall/unlinkat")
int BPF_KSYSCALL(unlinkat_entry, int dfd)
{
	bpf_printk("borra un fichero (dfd %d)", dfd);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
