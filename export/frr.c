/* FRRouting (frr.conf): interfaces, BGP toward AWS, prefix-lists and
 * route-maps.  The IPsec side of a VPN is the strongSwan file
 * (strongswan.c); both name each tunnel's route-based interface the same
 * way (xtunnel.vti).  FRR's own parser (vtysh -C -f) checks this output in
 * the tests.
 *
 * The lab's twin (xctx.lab) is the same policy for a bgpd without zebra
 * in a network namespace: no interfaces (the lab addresses the veths), no
 * keys or BFD, 1/3 s timers, and AWS's static VPN routes played by BGP. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/emit.h"

static void
frr_begin(struct xctx *x)
{
	/* The AWS outside addresses live in the strongSwan file only. */
	x->nph = 0;
	xheader(x, "!", x->lab ? "FRR, lab twin" : "FRRouting");
	if (!x->lab && xhas_vpn(x))
		xprintf(x, "!\n! The VPN tunnels' IPsec side is %s.swanctl.conf; "
		    "it names the\n! route-based interfaces used here.\n",
		    x->dev->name);
	if (!x->lab && x->ndx > 0)
		xputs(x, "!\n! DX ports: each DX connection uses its own port "
		    "(eth1, eth2, ...); adjust\n! the names to the machine.\n");
	xputs(x, "!\nfrr defaults traditional\n");
	xprintf(x, "hostname %s\n", x->dev->name);
	if (!x->lab)
		xputs(x, "log syslog informational\nservice integrated-vtysh-config\n");
	xputs(x, "!\n");
}

static void
frr_tunnel(struct xctx *x, const struct xtunnel *t)
{
	if (x->lab)
		return;
	xprintf(x, "! %s tunnel %d%s: inside %s, AWS %s\n", t->c->name, t->t,
	    t->enabled ? "" : " (disabled in the design)", t->inside, t->aws_in);
	xprintf(x, "interface %s\n", t->vti);
	xprintf(x, " description %s tunnel %d to AWS\n", t->c->name, t->t);
	xprintf(x, " ip address %s/%d\n", t->cust_in, t->plen);
	if (!t->enabled)
		xputs(x, " shutdown\n");
	xputs(x, "exit\n!\n");
}

static void
frr_dx(struct xctx *x, const struct xdx *dx)
{
	const struct connection *c = dx->c;

	if (x->lab)
		return;
	xprintf(x, "! %s: Direct Connect %s virtual interface\n", c->name,
	    x->d->vpc.gateway == GATEWAY_TGW ? "transit" : "private");
	xprintf(x, "!   %s, %s, %g Gbps, VLAN %d\n!   peering %s: AWS %s\n",
	    c->location, c->provider, c->gbps, c->vlan, dx->peer, dx->aws);
	xprintf(x, "!   the VLAN interface: ip link add link eth%d name eth%d.%d "
	    "type vlan id %d\n", dx->ord, dx->ord, c->vlan, c->vlan);
	xprintf(x, "interface eth%d.%d\n", dx->ord, c->vlan);
	xprintf(x, " description %s virtual interface on VLAN %d\n", c->name,
	    c->vlan);
	xprintf(x, " ip address %s/%d\n", dx->cust, dx->plen);
	xputs(x, "exit\n!\n");
}

/* The address bgpd identifies itself with. */
static void
frr_router_id(struct xctx *x, char *buf)
{
	if (x->lab) {
		size_t i = (size_t)(x->dev - x->d->devices) + 1;

		snprintf(buf, X_ADDR, "10.255.%zu.%zu", i / 250, i % 250 + 1);
	} else if (x->dev->has_public_ip)
		xaddr(&x->dev->public_ip, buf);
	else if (x->ndx > 0)
		snprintf(buf, X_ADDR, "%s", x->dx[0].cust);
	else if (x->ntun > 0)
		snprintf(buf, X_ADDR, "%s", x->tun[0].cust_in);
	else
		buf[0] = '\0';
}

static void
frr_neighbor_af(struct xctx *x, const char *peer, const char *conn)
{
	if (!x->lab)
		xprintf(x, "  neighbor %s soft-reconfiguration inbound\n", peer);
	xprintf(x, "  neighbor %s route-map from-aws-%s in\n", peer, conn);
	xprintf(x, "  neighbor %s route-map to-aws-%s out\n", peer, conn);
}

static void
frr_bgp(struct xctx *x)
{
	size_t nanch;
	const struct prefix **anch;
	char rid[X_ADDR];
	bool statics = xhas_static(x);

	if (!xhas_bgp(x) && !(x->lab && statics) && !statics)
		return;
	anch = xanchors(x, &nanch);
	if (nanch > 0 && !x->lab) {
		xputs(x, "! Anchors: keep every advertised prefix in the table, so "
		    "AWS keeps\n! receiving it as the design assumes; more specific "
		    "routes still win.\n");
		for (size_t i = 0; i < nanch; i++) {
			char p[X_ADDR];

			xcidr(anch[i], p);
			xprintf(x, "ip route %s blackhole 254\n", p);
		}
		xputs(x, "!\n");
	}
	if (statics && !x->lab) {
		size_t nv;
		const struct prefix **vpc = xvpc_v4(x->d, &nv);

		xputs(x, "! Static VPN routes toward AWS over the tunnels' "
		    "interfaces\n");
		for (size_t t = 0; t < x->ntun; t++) {
			if (x->tun[t].c->routing != ROUTING_STATIC)
				continue;
			for (size_t i = 0; i < nv; i++) {
				char p[X_ADDR];

				xcidr(vpc[i], p);
				xprintf(x, "ip route %s %s\n", p, x->tun[t].vti);
			}
		}
		xputs(x, "!\n");
		free(vpc);
	}
	if (xhas_bfd(x) && !x->lab) {
		xputs(x, "! BFD at AWS's minimums: 300 ms, multiplier 3\n");
		xputs(x, "bfd\n profile aws-dx\n");
		xprintf(x, "  detect-multiplier %d\n", X_BFD_MULTIPLIER);
		xprintf(x, "  receive-interval %d\n", X_BFD_INTERVAL);
		xprintf(x, "  transmit-interval %d\n", X_BFD_INTERVAL);
		xputs(x, " exit\nexit\n!\n");
	}
	xbgp_comment(x, "!");
	xprintf(x, "router bgp %u\n", x->dev->asn);
	frr_router_id(x, rid);
	if (rid[0] != '\0')
		xprintf(x, " bgp router-id %s\n", rid);
	xputs(x, " bgp log-neighbor-changes\n");
	if (x->lab)
		xputs(x, " no bgp network import-check\n");
	for (size_t i = 0; i < x->ntun; i++) {
		const struct xtunnel *t = &x->tun[i];

		if (t->c->routing != ROUTING_BGP && !x->lab)
			continue;
		xprintf(x, " neighbor %s remote-as %u\n", t->aws_in, x->d->vpc.asn);
		xprintf(x, " neighbor %s description %s tunnel %d\n", t->aws_in,
		    t->c->name, t->t);
		if (x->lab) {
			xprintf(x, " neighbor %s timers %d %d\n", t->aws_in,
			    X_LAB_KEEPALIVE, X_LAB_HOLD);
			xprintf(x, " neighbor %s timers connect 1\n", t->aws_in);
			xprintf(x, " neighbor %s disable-connected-check\n", t->aws_in);
		} else
			xprintf(x, " neighbor %s timers %d %d\n", t->aws_in,
			    X_VPN_KEEPALIVE, X_VPN_HOLD);
		if (!t->enabled)
			xprintf(x, " neighbor %s shutdown\n", t->aws_in);
	}
	for (size_t i = 0; i < x->ndx; i++) {
		const struct xdx *dx = &x->dx[i];

		xprintf(x, " neighbor %s remote-as %u\n", dx->aws, dx->aws_asn);
		xprintf(x, " neighbor %s description %s\n", dx->aws, dx->c->name);
		/* The lab's twin keeps the MD5 key: its session to the lab's
		 * AWS side comes up only if TCP MD5 works with it. */
		xprintf(x, " neighbor %s password %s\n", dx->aws, dx->md5);
		if (x->lab) {
			xprintf(x, " neighbor %s timers %d %d\n", dx->aws,
			    X_LAB_KEEPALIVE, X_LAB_HOLD);
			xprintf(x, " neighbor %s timers connect 1\n", dx->aws);
			xprintf(x, " neighbor %s disable-connected-check\n", dx->aws);
			continue;
		}
		if (dx->c->bfd)
			xprintf(x, " neighbor %s bfd profile aws-dx\n", dx->aws);
	}
	xputs(x, " !\n address-family ipv4 unicast\n");
	for (size_t i = 0; i < nanch; i++) {
		char p[X_ADDR];

		xcidr(anch[i], p);
		xprintf(x, "  network %s\n", p);
	}
	if (x->lab)
		for (size_t i = 0; i < x->nconns; i++) {
			const struct connection *c = x->conns[i];

			if (c->type != CONN_VPN || c->routing != ROUTING_STATIC)
				continue;
			for (size_t k = 0; k < c->nadverts; k++) {
				char p[X_ADDR];

				if (!prefix_is_v4(&c->adverts[k].prefix))
					continue;
				xcidr(&c->adverts[k].prefix, p);
				xprintf(x, "  network %s\n", p);
			}
		}
	for (size_t i = 0; i < x->ntun; i++)
		if (x->tun[i].c->routing == ROUTING_BGP || x->lab)
			frr_neighbor_af(x, x->tun[i].aws_in, x->tun[i].c->name);
	for (size_t i = 0; i < x->ndx; i++)
		frr_neighbor_af(x, x->dx[i].aws, x->dx[i].c->name);
	if (statics && !x->lab)
		xputs(x, "  redistribute static route-map static-from-aws\n");
	xputs(x, " exit-address-family\nexit\n!\n");
	free(anch);
}

static void
frr_policy(struct xctx *x)
{
	int seq = 10;

	for (size_t i = 0; i < x->nconns; i++) {
		const struct connection *c = x->conns[i];
		bool stat = c->type == CONN_VPN && c->routing == ROUTING_STATIC;
		struct xgroup *g;
		size_t ng;

		if (stat && !x->lab)
			continue;
		g = xgroups(c, &ng);
		if (stat)
			xprintf(x, "! %s: AWS's static routes, played over BGP in the "
			    "lab\n", c->name);
		else
			xprintf(x, "! %s: what AWS receives over it, and the "
			    "preference toward AWS\n", c->name);
		if (xconn_has_v6(c))
			xputs(x, "! IPv6 advertisements left out: they need an IPv6 "
			    "peering, which the\n! design does not describe\n");
		for (size_t k = 0; k < ng; k++) {
			int pseq = 5;

			for (size_t a = g[k].first; a < c->nadverts; a++) {
				char p[X_ADDR];

				if (!xgroup_has(&g[k], &c->adverts[a]))
					continue;
				xcidr(&c->adverts[a].prefix, p);
				xprintf(x, "ip prefix-list adv-%s-%zu seq %d permit %s\n",
				    c->name, k + 1, pseq, p);
				pseq += 5;
			}
		}
		for (size_t k = 0; k < ng; k++) {
			xprintf(x, "route-map to-aws-%s permit %zu\n", c->name,
			    (k + 1) * 10);
			xprintf(x, " match ip address prefix-list adv-%s-%zu\n",
			    c->name, k + 1);
			if (g[k].prepend > 0 && !stat) {
				xputs(x, " set as-path prepend");
				for (int r = 0; r < g[k].prepend; r++)
					xprintf(x, " %u", x->dev->asn);
				xputs(x, "\n");
			}
			if (c->type == CONN_DX && g[k].lp != LP_NONE)
				xprintf(x, " set community 7224:%d\n",
				    design_lp_community(g[k].lp));
			if (g[k].has_med && !stat)
				xprintf(x, " set metric %u\n", g[k].med);
			xputs(x, "exit\n");
		}
		if (ng == 0)
			xprintf(x, "route-map to-aws-%s deny 10\nexit\n", c->name);
		xprintf(x, "route-map from-aws-%s permit 10\n", c->name);
		xprintf(x, " set local-preference %d\nexit\n!\n", c->local_pref);
		free(g);
	}
	if (!xhas_static(x) || x->lab)
		return;
	{
		size_t nv;
		const struct prefix **vpc = xvpc_v4(x->d, &nv);

		xputs(x, "! Static VPN routes into BGP, with each connection's "
		    "preference\n");
		for (size_t i = 0; i < nv; i++) {
			char p[X_ADDR];

			xcidr(vpc[i], p);
			xprintf(x, "ip prefix-list aws-vpc seq %zu permit %s\n",
			    (i + 1) * 5, p);
		}
		free(vpc);
	}
	for (size_t i = 0; i < x->nconns; i++) {
		const struct connection *c = x->conns[i];

		if (c->type != CONN_VPN || c->routing != ROUTING_STATIC)
			continue;
		for (size_t t = 0; t < x->ntun; t++) {
			if (x->tun[t].c != c)
				continue;
			xprintf(x, "route-map static-from-aws permit %d\n", seq);
			xputs(x, " match ip address prefix-list aws-vpc\n");
			xprintf(x, " match interface %s\n", x->tun[t].vti);
			xprintf(x, " set local-preference %d\nexit\n", c->local_pref);
			seq += 10;
		}
	}
	xputs(x, "!\n");
}

static void
frr_end(struct xctx *x)
{
	xputs(x, "end\n");
}

const struct export_ops export_ops_frr = {
	"frr", VENDOR_FRR, ".frr.conf", true, NULL,
	frr_begin, frr_tunnel, frr_dx, frr_bgp, frr_policy, frr_end,
};
