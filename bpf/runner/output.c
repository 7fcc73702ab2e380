// SPDX-License-Identifier: GPL-2.0
#include <poll.h>
#include "output.h"

void outputs_poll(struct output *outs, int n, int timeout_ms)
{
	struct pollfd pfd[MAX_OUTPUTS];
	for (int i = 0; i < n; i++)
		pfd[i] = (struct pollfd){ .fd = outs[i].fd, .events = POLLIN };
	if (poll(pfd, n, timeout_ms) <= 0)
		return;
	for (int i = 0; i < n; i++)
		if (pfd[i].revents & POLLIN)
			outs[i].drain(&outs[i]);
}

void outputs_drain(struct output *outs, int n)
{
	for (int i = 0; i < n; i++)
		outs[i].drain(&outs[i]);
}

void outputs_close(struct output *outs, int n)
{
	for (int i = 0; i < n; i++)
		outs[i].close(&outs[i]);
}
