#include "render/summary.h"

#include "model/strbuf.h"

static void
count(struct strbuf *sb, size_t n, const char *one, const char *many,
    bool *first)
{
	if (n == 0)
		return;
	strbuf_addf(sb, "%s%zu %s", *first ? "" : ", ", n, n == 1 ? one : many);
	*first = false;
}

char *
summary_counts(const struct design *d)
{
	struct strbuf sb = STRBUF_INIT;
	size_t vpn = 0, dx = 0;
	bool first = true;

	for (size_t i = 0; i < d->nconns; i++) {
		if (d->conns[i].type == CONN_VPN)
			vpn++;
		else
			dx++;
	}
	count(&sb, d->ndcs, "data center", "data centers", &first);
	count(&sb, d->nwans, "WAN link", "WAN links", &first);
	count(&sb, d->ndevices, "device", "devices", &first);
	count(&sb, d->nconns, "connection", "connections", &first);
	if (d->nconns > 0)
		strbuf_addf(&sb, " (%zu VPN, %zu DX)", vpn, dx);
	count(&sb, d->ntraffic, "traffic demand", "traffic demands", &first);
	count(&sb, d->nrisks, "risk group", "risk groups", &first);
	if (first)
		strbuf_puts(&sb, "an empty design");
	return strbuf_detach(&sb);
}
