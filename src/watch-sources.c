// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <libmnl/libmnl.h>
#include <libudev.h>
#include <linux/cn_proc.h>
#include <linux/connector.h>
#include <math.h>
#include <poll.h>
#include <sys/socket.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "parse-uevent.h"
#include "watch-sources.h"
#include "xalloc.h"

#define ACK_WAIT_S 1.0

struct proc_events {
	struct mnl_socket *nl;
	/* a datagram decoded but not yet handed out (a burst larger than the caller's) */
	struct cnproc_event queue[64];
	size_t nqueue, next;
};

struct pci_uevents {
	struct udev *udev;
	struct udev_monitor *mon;
};

static double now_mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * The next datagram that the kernel itself sent: sender port 0 and the process-events
 * multicast group. Anything else (a user-space sender with CAP_NET_ADMIN forging process
 * events) is dropped. -1 with errno set as recvfrom(2) does (EAGAIN: nothing left).
 */
static ssize_t recv_from_kernel(struct mnl_socket *nl, void *buf, size_t size)
{
	for (;;) {
		struct sockaddr_nl from;
		socklen_t fromlen = sizeof(from);
		ssize_t len = recvfrom(mnl_socket_get_fd(nl), buf, size, 0,
				       (struct sockaddr *)&from, &fromlen);

		if (len < 0)
			return len;
		if (fromlen == sizeof(from) && from.nl_family == AF_NETLINK &&
		    from.nl_pid == 0 &&
		    (from.nl_groups == 0 || from.nl_groups == 1u << (CN_IDX_PROC - 1)))
			return len;
		log_debug("dropping a process-events datagram from port %u (not the "
			  "kernel)",
			  fromlen == sizeof(from) ? from.nl_pid : 0);
	}
}

static int subscribe(struct mnl_socket *nl)
{
	_Alignas(8) char buf[256];
	enum proc_cn_mcast_op op = PROC_CN_MCAST_LISTEN;
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct cn_msg *msg;

	nlh->nlmsg_type = NLMSG_DONE;
	nlh->nlmsg_pid = mnl_socket_get_portid(nl);
	msg = mnl_nlmsg_put_extra_header(nlh, sizeof(*msg) + sizeof(op));
	msg->id.idx = CN_IDX_PROC;
	msg->id.val = CN_VAL_PROC;
	msg->len = sizeof(op);
	memcpy(msg->data, &op, sizeof(op));
	return mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0 ? -errno : 0;
}

/*
 * The kernel answers the subscription with an ACK event, or not at all outside the
 * initial user and PID namespaces: wait a bounded time. NULL when subscribed, else why.
 */
static const char *await_ack(struct mnl_socket *nl)
{
	_Alignas(8) char buf[8192];
	double deadline = now_mono() + ACK_WAIT_S;

	for (;;) {
		struct pollfd p = { .fd = mnl_socket_get_fd(nl), .events = POLLIN };
		double left = deadline - now_mono();
		struct cnproc_event ev[8];
		size_t n;
		ssize_t len;

		if (left <= 0)
			return "no answer to the subscription (not in the initial "
			       "namespaces?)";
		if (poll(&p, 1, (int)ceil(left * 1000)) <= 0)
			continue;
		len = recv_from_kernel(nl, buf, sizeof(buf));
		if (len < 0) {
			if (errno == EAGAIN || errno == EINTR)
				continue;
			return strerror(errno);
		}
		if (parse_cnproc(buf, (size_t)len, ev, ELEMENTSOF(ev), &n, NULL) < 0)
			continue;
		for (size_t i = 0; i < n; i++) {
			if (ev[i].kind == CNPROC_ACK && ev[i].ack_err)
				return strerror((int)ev[i].ack_err);
			if (ev[i].kind != CNPROC_OTHER)
				return NULL; /* subscribed: an ACK or an event arrived */
		}
	}
}

struct proc_events *proc_events_open(struct pcr_problems *pb)
{
	struct mnl_socket *nl =
		mnl_socket_open2(NETLINK_CONNECTOR, SOCK_CLOEXEC | SOCK_NONBLOCK);
	struct proc_events *pe;
	const char *why = NULL;
	int r;

	if (!nl)
		why = strerror(errno);
	else if (mnl_socket_bind(nl, CN_IDX_PROC, MNL_SOCKET_AUTOPID) < 0)
		why = strerror(errno);
	else if ((r = subscribe(nl)) < 0)
		why = strerror(-r);
	else
		why = await_ack(nl);
	if (why) {
		problem_add(
			pb, PROBLEM_WARN, false,
			"process events unavailable (%s): new processes are seen at the "
			"next rescan",
			why);
		if (nl)
			mnl_socket_close(nl);
		return NULL;
	}
	pe = xcalloc(1, sizeof(*pe));
	pe->nl = nl;
	return pe;
}

void proc_events_close(struct proc_events *pe)
{
	if (!pe)
		return;
	mnl_socket_close(pe->nl);
	free(pe);
}

int proc_events_fd(const struct proc_events *pe)
{
	return pe ? mnl_socket_get_fd(pe->nl) : -1;
}

/* Decode the next datagram into the queue; false when none is waiting. */
static bool fill_queue(struct proc_events *pe, bool *overrun)
{
	_Alignas(8) char buf[8192];
	ssize_t len = recv_from_kernel(pe->nl, buf, sizeof(buf));
	size_t n = 0;

	if (len < 0) {
		if (errno == ENOBUFS) /* overrun: events were lost */
			*overrun = true;
		return false;
	}
	if (parse_cnproc(buf, (size_t)len, pe->queue, ELEMENTSOF(pe->queue), &n, NULL) <
	    0)
		log_debug("malformed process event, skipping");
	pe->nqueue = n;
	pe->next = 0;
	return true;
}

size_t proc_events_read(struct proc_events *pe, struct cnproc_event *ev, size_t max,
			bool *overrun)
{
	size_t n = 0;

	*overrun = false;
	while (n < max) {
		const struct cnproc_event *e;

		if (pe->next == pe->nqueue && !fill_queue(pe, overrun))
			break;
		if (pe->next == pe->nqueue)
			continue;
		e = &pe->queue[pe->next++];
		if (e->pid != e->tgid) /* a thread */
			continue;
		if (e->kind == CNPROC_FORK || e->kind == CNPROC_EXEC ||
		    e->kind == CNPROC_EXIT)
			ev[n++] = *e;
	}
	return n;
}

struct pci_uevents *pci_uevents_open(struct pcr_problems *pb)
{
	struct udev *udev = udev_new();
	struct udev_monitor *mon = NULL;
	struct pci_uevents *ue;
	/* udevd rebroadcasts processed events; without it, listen to the kernel's */
	const char *source = access("/run/udev/control", F_OK) == 0 ? "udev" : "kernel";

	if (udev)
		mon = udev_monitor_new_from_netlink(udev, source);
	if (!mon ||
	    udev_monitor_filter_add_match_subsystem_devtype(mon, "pci", NULL) < 0 ||
	    udev_monitor_enable_receiving(mon) < 0) {
		problem_add(pb, PROBLEM_WARN, false,
			    "udev events unavailable: driver binds are seen at the next "
			    "rescan");
		udev_monitor_unref(mon);
		udev_unref(udev);
		return NULL;
	}
	ue = xcalloc(1, sizeof(*ue));
	ue->udev = udev;
	ue->mon = mon;
	return ue;
}

void pci_uevents_close(struct pci_uevents *ue)
{
	if (!ue)
		return;
	udev_monitor_unref(ue->mon);
	udev_unref(ue->udev);
	free(ue);
}

int pci_uevents_fd(const struct pci_uevents *ue)
{
	return ue ? udev_monitor_get_fd(ue->mon) : -1;
}

bool pci_uevents_read(struct pci_uevents *ue, bool *binding)
{
	struct udev_device *d;
	bool relevant = false;

	*binding = false;
	while ((d = udev_monitor_receive_device(ue->mon))) {
		enum watch_kind k = watch_classify_uevent(udev_device_get_subsystem(d),
							  udev_device_get_action(d));

		relevant = relevant || k != WATCH_NONE;
		*binding = *binding || k == WATCH_BIND || k == WATCH_UNBIND;
		udev_device_unref(d);
	}
	return relevant;
}
