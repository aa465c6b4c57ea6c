// SPDX-License-Identifier: GPL-2.0-or-later
/* Recorded-shape connector datagrams (as the kernel's cn_netlink_send builds them). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <linux/cn_proc.h>
#include <linux/connector.h>
#include <linux/netlink.h>
#include <string.h>

#include "parse-cnproc.h"

/* One netlink message holding a cn_msg with a proc_event; returns its aligned length. */
static size_t put_event(void *buf, const struct proc_event *pe, size_t evlen,
			uint16_t type, uint32_t idx)
{
	struct nlmsghdr *nlh = buf;
	struct cn_msg *msg = NLMSG_DATA(nlh);

	memset(nlh, 0, NLMSG_SPACE(sizeof(*msg) + evlen));
	nlh->nlmsg_len = (uint32_t)NLMSG_LENGTH(sizeof(*msg) + evlen);
	nlh->nlmsg_type = type;
	msg->id.idx = idx;
	msg->id.val = CN_VAL_PROC;
	msg->len = (uint16_t)evlen;
	memcpy(msg->data, pe, evlen);
	return NLMSG_ALIGN(nlh->nlmsg_len);
}

static _Alignas(8) unsigned char buf[4096];

static void test_fork_exec_exit(void **state)
{
	(void)state;
	struct proc_event pe = { .what = PROC_EVENT_FORK };
	struct cnproc_event ev[4];
	size_t n, len = 0;

	pe.event_data.fork.parent_tgid = 100;
	pe.event_data.fork.child_pid = 200;
	pe.event_data.fork.child_tgid = 200;
	len += put_event(buf + len, &pe, sizeof(pe), NLMSG_NOOP + 0x10, CN_IDX_PROC);
	memset(&pe, 0, sizeof(pe));
	pe.what = PROC_EVENT_EXEC;
	pe.event_data.exec.process_pid = 201;
	pe.event_data.exec.process_tgid = 200;
	len += put_event(buf + len, &pe, sizeof(pe), NLMSG_NOOP + 0x10, CN_IDX_PROC);
	memset(&pe, 0, sizeof(pe));
	pe.what = PROC_EVENT_EXIT;
	pe.event_data.exit.process_pid = 200;
	pe.event_data.exit.process_tgid = 200;
	pe.event_data.exit.exit_code = 256;
	len += put_event(buf + len, &pe, sizeof(pe), NLMSG_DONE, CN_IDX_PROC);

	assert_int_equal(parse_cnproc(buf, len, ev, 4, &n, NULL), 0);
	assert_int_equal(n, 3);
	assert_int_equal(ev[0].kind, CNPROC_FORK);
	assert_int_equal(ev[0].pid, 200);
	assert_int_equal(ev[0].parent_tgid, 100);
	assert_int_equal(ev[1].kind, CNPROC_EXEC);
	assert_int_equal(ev[1].pid, 201);
	assert_int_equal(ev[1].tgid, 200);
	assert_int_equal(ev[2].kind, CNPROC_EXIT);
	assert_int_equal(ev[2].exit_code, 256);
}

static void test_ack_and_other(void **state)
{
	(void)state;
	struct proc_event pe = { .what = PROC_EVENT_NONE };
	struct cnproc_event ev[2];
	size_t n, len;

	pe.event_data.ack.err = 0;
	len = put_event(buf, &pe, sizeof(pe), NLMSG_DONE, CN_IDX_PROC);
	assert_int_equal(parse_cnproc(buf, len, ev, 2, &n, NULL), 0);
	assert_int_equal(n, 1);
	assert_int_equal(ev[0].kind, CNPROC_ACK);

	memset(&pe, 0, sizeof(pe));
	pe.what = PROC_EVENT_COMM;
	len = put_event(buf, &pe, sizeof(pe), NLMSG_DONE, CN_IDX_PROC);
	assert_int_equal(parse_cnproc(buf, len, ev, 2, &n, NULL), 0);
	assert_int_equal(n, 1);
	assert_int_equal(ev[0].kind, CNPROC_OTHER);

	/* another connector user's message is skipped */
	len = put_event(buf, &pe, sizeof(pe), NLMSG_DONE, CN_IDX_CIFS);
	assert_int_equal(parse_cnproc(buf, len, ev, 2, &n, NULL), 0);
	assert_int_equal(n, 0);
}

static void test_malformed(void **state)
{
	(void)state;
	struct proc_event pe = { .what = PROC_EVENT_FORK };
	struct cnproc_event ev[2];
	struct parse_err e = { 0 };
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	struct cn_msg *msg;
	size_t n, len;

	/* truncated datagram: the netlink header claims more than there is */
	len = put_event(buf, &pe, sizeof(pe), NLMSG_DONE, CN_IDX_PROC);
	assert_int_equal(parse_cnproc(buf, len - 8, ev, 2, &n, &e), -EINVAL);
	assert_non_null(e.msg);
	/* cn_msg.len larger than the payload */
	len = put_event(buf, &pe, sizeof(pe), NLMSG_DONE, CN_IDX_PROC);
	msg = NLMSG_DATA(nlh);
	msg->len = 4000;
	assert_int_equal(parse_cnproc(buf, len, ev, 2, &n, NULL), -EINVAL);
	/* an event too short for its kind */
	len = put_event(buf, &pe, offsetof(struct proc_event, event_data) + 4, NLMSG_DONE,
			CN_IDX_PROC);
	assert_int_equal(parse_cnproc(buf, len, ev, 2, &n, NULL), -EINVAL);
	/* garbage and empty input */
	memset(buf, 0xff, 64);
	assert_int_equal(parse_cnproc(buf, 64, ev, 2, &n, NULL), -EINVAL);
	assert_int_equal(parse_cnproc(buf, 3, ev, 2, &n, NULL), -EINVAL);
	assert_int_equal(parse_cnproc(buf, 0, ev, 2, &n, NULL), 0);
	assert_int_equal(n, 0);
	/* an error message from netlink */
	memset(buf, 0, 64);
	nlh->nlmsg_len = NLMSG_LENGTH(sizeof(struct nlmsgerr));
	nlh->nlmsg_type = NLMSG_ERROR;
	assert_int_equal(
		parse_cnproc(buf, NLMSG_SPACE(sizeof(struct nlmsgerr)), ev, 2, &n, NULL),
		-EINVAL);
}

static void test_max_events(void **state)
{
	(void)state;
	struct proc_event pe = { .what = PROC_EVENT_EXEC };
	struct cnproc_event ev[1];
	size_t n, len = 0;

	for (int i = 0; i < 3; i++)
		len += put_event(buf + len, &pe, sizeof(pe), NLMSG_NOOP + 0x10,
				 CN_IDX_PROC);
	assert_int_equal(parse_cnproc(buf, len, ev, 1, &n, NULL), 0);
	assert_int_equal(n, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fork_exec_exit),
		cmocka_unit_test(test_ack_and_other),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_max_events),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
