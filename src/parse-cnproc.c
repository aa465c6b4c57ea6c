// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <linux/cn_proc.h>
#include <linux/connector.h>
#include <linux/netlink.h>
#include <stddef.h>
#include <string.h>

#include "parse-cnproc.h"

/* Copy the proc_event out of the (possibly unaligned) datagram. */
static int decode(const struct nlmsghdr *nlh, struct cnproc_event *ev)
{
	const size_t need_msg = sizeof(struct cn_msg);
	const size_t need_ev = offsetof(struct proc_event, event_data);
	const unsigned char *payload = (const unsigned char *)nlh + NLMSG_HDRLEN;
	size_t plen = nlh->nlmsg_len - NLMSG_HDRLEN;
	struct cn_msg msg;
	struct proc_event pe;

	if (plen < need_msg)
		return -EINVAL;
	memcpy(&msg, payload, need_msg);
	if (msg.id.idx != CN_IDX_PROC || msg.id.val != CN_VAL_PROC)
		return 1; /* not ours */
	if (msg.len > plen - need_msg || msg.len < need_ev)
		return -EINVAL;
	memset(&pe, 0, sizeof(pe));
	memcpy(&pe, payload + need_msg, msg.len < sizeof(pe) ? msg.len : sizeof(pe));

	*ev = (struct cnproc_event){ .kind = CNPROC_OTHER };
	switch (pe.what) {
	case PROC_EVENT_NONE:
		if (msg.len < need_ev + sizeof(pe.event_data.ack))
			return -EINVAL;
		ev->kind = CNPROC_ACK;
		ev->ack_err = pe.event_data.ack.err;
		break;
	case PROC_EVENT_FORK:
		if (msg.len < need_ev + sizeof(pe.event_data.fork))
			return -EINVAL;
		ev->kind = CNPROC_FORK;
		ev->pid = pe.event_data.fork.child_pid;
		ev->tgid = pe.event_data.fork.child_tgid;
		ev->parent_tgid = pe.event_data.fork.parent_tgid;
		break;
	case PROC_EVENT_EXEC:
		if (msg.len < need_ev + sizeof(pe.event_data.exec))
			return -EINVAL;
		ev->kind = CNPROC_EXEC;
		ev->pid = pe.event_data.exec.process_pid;
		ev->tgid = pe.event_data.exec.process_tgid;
		break;
	case PROC_EVENT_EXIT:
		if (msg.len < need_ev + offsetof(struct exit_proc_event, exit_signal))
			return -EINVAL;
		ev->kind = CNPROC_EXIT;
		ev->pid = pe.event_data.exit.process_pid;
		ev->tgid = pe.event_data.exit.process_tgid;
		ev->exit_code = (int)pe.event_data.exit.exit_code;
		break;
	default:
		break;
	}
	return 0;
}

int parse_cnproc(const void *buf, size_t len, struct cnproc_event *ev, size_t max,
		 size_t *ret_n, struct parse_err *reterr)
{
	const struct nlmsghdr *nlh = buf;
	int remaining = len > (size_t)0x7fffffff ? 0x7fffffff : (int)len;
	size_t n = 0;
	bool done = false;

	*ret_n = 0;
	if ((uintptr_t)buf % NLMSG_ALIGNTO) {
		parse_err_set(reterr, 0, "unaligned buffer");
		return -EINVAL;
	}
	/* every length is checked against what is left (libmnl's mnl_nlmsg_ok() accepts
	 * nlmsg_len >= 2^31 through a signed comparison) */
	while (remaining >= (int)sizeof(*nlh) && nlh->nlmsg_len >= sizeof(*nlh) &&
	       nlh->nlmsg_len <= (unsigned)remaining) {
		int r;

		if (nlh->nlmsg_type == NLMSG_ERROR) {
			parse_err_set(reterr, 0, "netlink error message");
			return -EINVAL;
		}
		if (nlh->nlmsg_type != NLMSG_NOOP && nlh->nlmsg_type != NLMSG_OVERRUN) {
			struct cnproc_event e;
			r = decode(nlh, &e);
			if (r < 0) {
				parse_err_set(reterr, 0, "truncated connector message");
				return -EINVAL;
			}
			if (r == 0 && n < max) {
				ev[n++] = e;
				*ret_n = n;
			}
		}
		if (nlh->nlmsg_type == NLMSG_DONE) {
			done = true;
			break;
		}
		/* the next message, as libmnl's mnl_nlmsg_next(); the uapi macros suffice and
		 * keep the parsers free of external libraries */
		remaining -= (int)NLMSG_ALIGN(nlh->nlmsg_len);
		nlh = (const struct nlmsghdr *)((const char *)nlh +
						NLMSG_ALIGN(nlh->nlmsg_len));
	}
	if (!done && remaining > 0) {
		parse_err_set(reterr, 0,
			      (size_t)remaining == len ? "not a netlink message"
						       : "truncated netlink message");
		return -EINVAL;
	}
	return 0;
}
