// Ejercicio: imprime solo las líneas de bash
// que empiezan por «echo ».
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

SEC("uretprobe//bin/bash:readline")
int BPF_KRETPROBE(bash_readline, const char *ret)
{
	char line[80];

	if (!ret)
		return 0;
	bpf_probe_read_user_str(line, sizeof(line), ret);
	/* Five known bytes: one comparison each, no loop. */
	if (line[0] != 'e' || line[1] != 'c' || line[2] != 'h' ||
	    line[3] != 'o' || line[4] != ' ')
		return 0;
	bpf_printk("bash ha leído: %s", line);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
