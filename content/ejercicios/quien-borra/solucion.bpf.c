// Ejercicio: imprime el nombre de cada fichero
// que se borra con unlinkat().
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

SEC("ksyscall/unlinkat")
int BPF_KSYSCALL(unlinkat_entry, int dfd, const char *pathname)
{
	char path[64];

	/* The name is in the process's memory. */
	bpf_probe_read_user_str(path, sizeof(path), pathname);
	bpf_printk("borra %s", path);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
