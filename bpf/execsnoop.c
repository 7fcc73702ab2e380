// The user-space half: open the skeleton, set a global, load, attach, read the
// ring buffer until Ctrl-C, destroy. Built with:
//   bpftool gen skeleton execsnoop.bpf.o name execsnoop_bpf > execsnoop.skel.h
//   cc -O2 -g -Wall execsnoop.c -o execsnoop -lbpf
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <bpf/libbpf.h>
#include "execsnoop.skel.h"

/* The same layout as struct event in execsnoop.bpf.c. */
struct event {
	unsigned int pid;
	char comm[16];
	char filename[128];
};

static volatile sig_atomic_t exiting;

static void on_signal(int sig)
{
	exiting = 1;
}

/* libbpf calls this for each event that user space reads from the ring buffer. */
static int handle_event(void *ctx, void *data, size_t size)
{
	const struct event *e = data;

	printf("%-7u %-16s %s\n", e->pid, e->comm, e->filename);
	return 0;
}

int main(int argc, char **argv)
{
	struct execsnoop_bpf *skel;
	struct ring_buffer *rb = NULL;
	int err;

	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);

	/* 1. Open: parse the embedded object; nothing is in the kernel yet. */
	skel = execsnoop_bpf__open();
	if (!skel) {
		fprintf(stderr, "no se pudo abrir el esqueleto\n");
		return 1;
	}

	/* 2. Globals before load: rodata becomes read-only after it. */
	skel->rodata->min_pid = argc > 1 ? atoi(argv[1]) : 0;

	/* 3. Load: create the maps, the verifier checks the program. */
	err = execsnoop_bpf__load(skel);
	if (err) {
		fprintf(stderr, "el kernel rechazó el programa: %d\n", err);
		goto cleanup;
	}

	/* 4. Attach: a link per program (tracepoint here). */
	err = execsnoop_bpf__attach(skel);
	if (err) {
		fprintf(stderr, "no se pudo enganchar: %d\n", err);
		goto cleanup;
	}

	rb = ring_buffer__new(bpf_map__fd(skel->maps.events), handle_event, NULL, NULL);
	if (!rb) {
		err = -1;
		fprintf(stderr, "no se pudo crear el ring buffer\n");
		goto cleanup;
	}

	printf("Enganchado. Esperando execve (Ctrl-C para salir)…\n");
	printf("%-7s %-16s %s\n", "PID", "COMM", "FICHERO");

	/* 5. Poll until Ctrl-C: handle_event runs for each event. */
	while (!exiting) {
		err = ring_buffer__poll(rb, 100 /* ms */);
		if (err == -EINTR) {
			err = 0;
			break;
		}
		if (err < 0) {
			fprintf(stderr, "error leyendo el ring buffer: %d\n", err);
			break;
		}
	}
	printf("\nFin. Eventos perdidos: %llu\n", (unsigned long long)skel->bss->dropped);

cleanup:
	/* 6. Destroy: free the ring buffer, detach and unload everything. */
	ring_buffer__free(rb);
	execsnoop_bpf__destroy(skel);
	return err < 0 ? 1 : 0;
}
