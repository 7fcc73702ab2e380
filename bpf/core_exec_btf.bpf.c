// SPDX-License-Identifier: GPL-2.0
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

SEC("tp_btf/sched_process_exec")
int BPF_PROG(exec_btf, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm)
{
	bpf_printk("exec %s: pid %d, padre %d", bprm->filename, p->tgid, p->real_parent->tgid);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
