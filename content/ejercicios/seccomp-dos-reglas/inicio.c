// dos_reglas.c: a seccomp filter with two rules.
// For now it has only the first one (uname fails
// with EPERM); getcwd still works.
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
#error "Falta el AUDIT_ARCH_… de tu CPU (linux/audit.h)"
#endif

/* Loads a field of struct seccomp_data into A. */
#define LOAD(field) BPF_STMT(BPF_LD | BPF_W | BPF_ABS, \
	offsetof(struct seccomp_data, field))

static struct sock_filter filter[] = {
	LOAD(arch),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ARCH_NR, 1, 0),
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
	LOAD(nr),
	/* Rule 1: uname fails with EPERM. */
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_uname, 0, 1),
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
	/* Rule 2: getcwd should fail with EACCES. */
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
};

static const char *errno_name(int e)
{
	switch (e) {
	case EPERM: return "EPERM";
	case EACCES: return "EACCES";
	case ENOENT: return "ENOENT";
	default: return strerror(e);
	}
}

/* One line per call: it works, or the error it got. */
static void report(const char *call, int ok)
{
	if (ok)
		printf("  %s(): funciona\n", call);
	else
		printf("  %s(): falla con %s\n", call,
		       errno_name(errno));
}

int main(void)
{
	struct sock_fprog prog = {
		.len = sizeof(filter) / sizeof(filter[0]),
		.filter = filter,
	};
	struct utsname u;
	char dir[256];

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER,
		  &prog) != 0) {
		printf("Sin filtro: %s\n", errno_name(errno));
		return 1;
	}
	printf("Filtro instalado (%d instrucciones).\n",
	       prog.len);
	report("uname", uname(&u) == 0);
	report("getcwd", getcwd(dir, sizeof(dir)) != NULL);
	printf("  getpid(): funciona, devuelve %d\n",
	       getpid());
	return 0;
}
