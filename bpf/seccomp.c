// seccomp.c: a process puts a seccomp filter on itself. Written in classic BPF
// (struct sock_filter), it makes uname() fail with EPERM and lets every other
// system call through. Run as root, it first drops to the nobody user, to show
// that installing a filter needs no privilege, only no_new_privs.
#include <errno.h>
#include <grp.h>
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

/* The architecture seccomp_data.arch reports for this program's system calls. */
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
	case EINVAL: return "EINVAL";
	default: return strerror(e);
	}
}

/* What the kernel says of this process: its seccomp mode, its filters and no_new_privs. */
static void show_status(void)
{
	char line[128];
	FILE *f = fopen("/proc/self/status", "r");

	if (!f)
		return;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "Seccomp", 7) || !strncmp(line, "NoNewPrivs", 10))
			printf("  %s", line);
	fclose(f);
}

static void try_uname(void)
{
	struct utsname u;

	if (uname(&u) == 0)
		printf("  uname(): funciona, el kernel es %s %s\n", u.sysname, u.release);
	else
		printf("  uname(): falla con %s\n", errno_name(errno));
}

int main(void)
{
	/* The filter: a tiny classic-BPF program over struct seccomp_data. */
	struct sock_filter filter[] = {
		/* 1. A system call of another architecture (a 32-bit one, for example) would use other numbers: kill. */
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ARCH_NR, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
		/* 2. The system call's number: uname fails with EPERM. */
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_uname, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
		/* 3. Everything else is allowed. */
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {
		.len = sizeof(filter) / sizeof(filter[0]),
		.filter = filter,
	};

	/* Root drops to nobody (65534): from here on, no privilege at all. */
	if (geteuid() == 0) {
		if (setgroups(0, NULL) || setgid(65534) || setuid(65534)) {
			perror("no se pudo pasar a nobody");
			return 1;
		}
	}
	printf("Soy el PID %d, usuario %d (sin privilegios).\n", getpid(), getuid());

	printf("Antes del filtro:\n");
	try_uname();

	/* Without no_new_privs, an unprivileged process may not install a filter. */
	if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) != 0)
		printf("Filtro sin no_new_privs: rechazado con %s\n", errno_name(errno));

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
		perror("PR_SET_NO_NEW_PRIVS");
		return 1;
	}
	if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) != 0) {
		perror("PR_SET_SECCOMP");
		return 1;
	}
	printf("Filtro instalado (%d instrucciones de BPF clásico), con no_new_privs.\n", prog.len);

	show_status();

	printf("Después del filtro:\n");
	try_uname();
	printf("  getpid(): funciona, devuelve %d\n", getpid());
	return 0;
}
