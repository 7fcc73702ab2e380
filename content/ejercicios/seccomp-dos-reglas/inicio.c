// dos_reglas.c: a seccomp filter with two rules. For now it has only the first
// one (uname fails with EPERM); getcwd still works.
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>

#if defined(__x86_64__)
#define ARCH_NR AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define ARCH_NR AUDIT_ARCH_AARCH64
#else
#error "Añade aquí el AUDIT_ARCH_… de tu arquitectura (linux/audit.h)"
#endif

static const char *errno_name(int e)
{
	switch (e) {
	case EPERM: return "EPERM";
	case EACCES: return "EACCES";
	case ENOENT: return "ENOENT";
	default: return strerror(e);
	}
}

/* Tries the three system calls and says what each one did. */
static void try_calls(void)
{
	struct utsname u;
	char dir[256];

	if (uname(&u) == 0)
		printf("  uname(): funciona\n");
	else
		printf("  uname(): falla con %s\n", errno_name(errno));
	if (getcwd(dir, sizeof(dir)))
		printf("  getcwd(): funciona\n");
	else
		printf("  getcwd(): falla con %s\n", errno_name(errno));
	printf("  getpid(): funciona, devuelve %d\n", getpid());
}

int main(void)
{
	struct sock_filter filter[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ARCH_NR, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		/* Rule 1: uname fails with EPERM. */
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_uname, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
		/* Rule 2: getcwd should fail with EACCES. */
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {
		.len = sizeof(filter) / sizeof(filter[0]),
		.filter = filter,
	};

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 || prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) != 0) {
		printf("No se pudo instalar el filtro: %s\n", errno_name(errno));
		return 1;
	}
	printf("Filtro instalado (%d instrucciones).\n", prog.len);
	try_calls();
	return 0;
}
