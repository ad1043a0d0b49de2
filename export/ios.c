/* Cisco IOS / IOS XE, in the structure and naming of AWS's downloadable
 * Cisco configuration (aws-facts 5): per tunnel #1 IKE, #2 IPsec, #3 the
 * tunnel interface, #4 BGP or static routing; names keyring-vpn-ID-N,
 * isakmp-vpn-ID-N, ipsec-prop-vpn-ID-N, ipsec-vpn-ID-N with N = 0, 1 and
 * the connection's name as the VPN ID. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/emit.h"

/* IOS knows DH groups 1, 2, 5, 14, 15, 16, 19, 20, 21 and 24. */
static bool
ios_dh(int g)
{
	return g == 2 || g == 5 || g == 14 || g == 15 || g == 16 || g == 19 ||
	    g == 20 || g == 21 || g == 24;
}

static const char *
ios_sha(int integ)
{
	static const char *const v[] = { "sha", "sha256", "sha384", "sha512" };

	return v[integ];
}

static const char *
ios_sha2(int integ)
{
	static const char *const v[] = { "sha1", "sha256", "sha384", "sha512" };

	return v[integ];
}

static const char *
ios_esp_hmac(int integ)
{
	static const char *const v[] = { "esp-sha-hmac", "esp-sha256-hmac",
	    "esp-sha384-hmac", "esp-sha512-hmac" };

	return v[integ];
}

/* The DH groups of a phase IOS can use; complains about the rest. */
static int
ios_groups(struct xctx *x, const struct xtunnel *t, const struct ike_phase *p,
    int phase, int *out)
{
	int n = 0;

	for (int i = 0; i < p->ndh; i++) {
		if (ios_dh(p->dh[i]))
			out[n++] = p->dh[i];
		else
			xprintf(x, "! DH group %d (phase %d) left out: IOS has no "
			    "group %d\n", p->dh[i], phase, p->dh[i]);
	}
	if (n == 0 && (phase == 1 || p->ndh > 0))
		xfail(x, "%s: none of the phase %d DH groups is one IOS supports "
		    "(1, 2, 5, 14-16, 19-21, 24)", t->c->name, phase);
	return n;
}

static void
ios_begin(struct xctx *x)
{
	xheader(x, "!", "Cisco IOS / IOS XE");
	xputs(x, "!\n! Interface names to adjust: the tunnels' source is the "
	    "outside address;\n! each DX connection uses its own port "
	    "(GigabitEthernet0/0/N and so on).\n");
	xputs(x, "! Paste in configuration mode.\n!\n");
	if (xhas_vpn(x)) {
		xputs(x, "crypto ipsec df-bit clear\n");
		xputs(x, "crypto ipsec security-association replay window-size "
		    "128\n");
		xputs(x, "crypto ipsec fragmentation before-encryption\n");
	}
	if (xhas_bgp(x))
		xputs(x, "ip bgp-community new-format\n");
	xputs(x, "!\n");
}

static void
ios_ikev1(struct xctx *x, const struct xtunnel *t, const char *id, int n)
{
	const struct ike_phase *p1 = &t->c->ike.phase1;
	int groups[IKE_DH_MAX], ng, prio = 100 * t->ord;

	xputs(x, "! #1: Internet Key Exchange (IKE) configuration, IKEv1 main "
	    "mode\n");
	xputs(x, "! The ISAKMP policies are global: their numbers must not "
	    "clash with others.\n");
	ng = ios_groups(x, t, p1, 1, groups);
	for (int e = 0; e < p1->nencryption; e++) {
		if (xenc_gcm(p1->encryption[e])) {
			xprintf(x, "! %s left out: IKEv1 has no AES-GCM for "
			    "phase 1\n",
			    design_ike_encryption_name(p1->encryption[e]));
			continue;
		}
		for (int i = 0; i < p1->nintegrity; i++)
			for (int g = 0; g < ng; g++) {
				xprintf(x, "crypto isakmp policy %d\n", prio++);
				xprintf(x, " encryption aes %d\n",
				    xenc_bits(p1->encryption[e]));
				xputs(x, " authentication pre-share\n");
				xprintf(x, " group %d\n", groups[g]);
				xprintf(x, " lifetime %u\n", p1->lifetime);
				xprintf(x, " hash %s\n", ios_sha(p1->integrity[i]));
				xputs(x, "exit\n");
			}
	}
	if (prio == 100 * t->ord)
		xfail(x, "%s: IKEv1 needs an AES-CBC algorithm in phase 1",
		    t->c->name);
	xprintf(x, "crypto keyring keyring-%s-%d\n", id, n);
	xprintf(x, " local-address %s\n", t->cust_out);
	xprintf(x, " pre-shared-key address %s key %s\n", t->aws_out, t->psk);
	xputs(x, "exit\n");
	xprintf(x, "crypto isakmp profile isakmp-%s-%d\n", id, n);
	xprintf(x, " local-address %s\n", t->cust_out);
	xprintf(x, " match identity address %s\n", t->aws_out);
	xprintf(x, " keyring keyring-%s-%d\n", id, n);
	xprintf(x, " keepalive %u retry %u\n", t->c->ike.dpd, t->c->ike.dpd);
	xputs(x, "exit\n");
}

static void
ios_ikev2(struct xctx *x, const struct xtunnel *t, const char *id, int n)
{
	const struct ike_phase *p1 = &t->c->ike.phase1;
	int groups[IKE_DH_MAX], ng;
	bool any[2] = { false, false };

	xputs(x, "! #1: Internet Key Exchange (IKE) configuration, IKEv2\n");
	ng = ios_groups(x, t, p1, 1, groups);
	for (int e = 0; e < p1->nencryption; e++)
		any[xenc_gcm(p1->encryption[e])] = true;
	/* AEAD and classic algorithms go in separate proposals. */
	for (int kind = 1; kind >= 0; kind--) {
		if (!any[kind])
			continue;
		xprintf(x, "crypto ikev2 proposal ike-prop-%s-%d%s\n", id, n,
		    kind ? "" : (any[1] ? "-cbc" : ""));
		xputs(x, " encryption");
		for (int e = 0; e < p1->nencryption; e++)
			if (xenc_gcm(p1->encryption[e]) == (kind == 1))
				xprintf(x, " aes-%s-%d", kind ? "gcm" : "cbc",
				    xenc_bits(p1->encryption[e]));
		xprintf(x, "\n %s", kind ? "prf" : "integrity");
		for (int i = 0; i < p1->nintegrity; i++)
			xprintf(x, " %s", ios_sha2(p1->integrity[i]));
		xputs(x, "\n group");
		for (int g = 0; g < ng; g++)
			xprintf(x, " %d", groups[g]);
		xputs(x, "\nexit\n");
	}
	xprintf(x, "crypto ikev2 policy ike-pol-%s-%d\n", id, n);
	xprintf(x, " match address local %s\n", t->cust_out);
	if (any[1])
		xprintf(x, " proposal ike-prop-%s-%d\n", id, n);
	if (any[0])
		xprintf(x, " proposal ike-prop-%s-%d%s\n", id, n,
		    any[1] ? "-cbc" : "");
	xputs(x, "exit\n");
	xprintf(x, "crypto ikev2 keyring keyring-%s-%d\n", id, n);
	xprintf(x, " peer aws-%s-%d\n", id, n);
	xprintf(x, "  address %s\n", t->aws_out);
	xprintf(x, "  pre-shared-key %s\n", t->psk);
	xputs(x, " exit\nexit\n");
	xprintf(x, "crypto ikev2 profile ike-prof-%s-%d\n", id, n);
	xprintf(x, " match address local %s\n", t->cust_out);
	xprintf(x, " match identity remote address %s 255.255.255.255\n",
	    t->aws_out);
	xputs(x, " authentication remote pre-share\n");
	xputs(x, " authentication local pre-share\n");
	xprintf(x, " keyring local keyring-%s-%d\n", id, n);
	xprintf(x, " lifetime %u\n", p1->lifetime);
	xprintf(x, " dpd %u %u on-demand\n", t->c->ike.dpd, t->c->ike.dpd);
	xputs(x, "exit\n");
}

static void
ios_ipsec(struct xctx *x, const struct xtunnel *t, const char *id, int n)
{
	const struct ike_phase *p2 = &t->c->ike.phase2;
	int groups[IKE_DH_MAX], ng, k = 0;
	struct strbuf sets = STRBUF_INIT;

	xputs(x, "! #2: IPsec configuration\n");
	for (int e = 0; e < p2->nencryption; e++) {
		int bits = xenc_bits(p2->encryption[e]);
		int nint = xenc_gcm(p2->encryption[e]) ? 1 : p2->nintegrity;

		for (int i = 0; i < nint; i++) {
			char name[2 * X_TOKEN];

			if (k == 0)
				snprintf(name, sizeof name, "ipsec-prop-%s-%d", id, n);
			else
				snprintf(name, sizeof name, "ipsec-prop-%s-%d-%d", id,
				    n, k + 1);
			k++;
			if (xenc_gcm(p2->encryption[e]))
				xprintf(x, "crypto ipsec transform-set %s esp-gcm %d\n",
				    name, bits);
			else
				xprintf(x, "crypto ipsec transform-set %s esp-aes %d "
				    "%s\n", name, bits, ios_esp_hmac(p2->integrity[i]));
			xputs(x, " mode tunnel\nexit\n");
			strbuf_addf(&sets, " %s", name);
		}
	}
	ng = ios_groups(x, t, p2, 2, groups);
	xprintf(x, "crypto ipsec profile ipsec-%s-%d\n", id, n);
	if (ng > 0)
		xprintf(x, " set pfs group%d\n", groups[0]);
	xprintf(x, " set security-association lifetime seconds %u\n",
	    p2->lifetime);
	xprintf(x, " set transform-set%s\n", sets.data ? sets.data : "");
	if (t->c->ike.version == 2)
		xprintf(x, " set ikev2-profile ike-prof-%s-%d\n", id, n);
	xputs(x, "exit\n");
	strbuf_free(&sets);
}

static void
ios_static(struct xctx *x, const struct xtunnel *t)
{
	size_t nv;
	const struct prefix **vpc = xvpc_v4(x->d, &nv);
	char a[X_ADDR], m[X_ADDR];

	xputs(x, "! #4: Static route configuration, tracked by an IP SLA "
	    "probe of AWS's\n! inside address\n");
	for (size_t i = 0; i < nv; i++) {
		xaddr(vpc[i], a);
		xnetmask(vpc[i], m);
		xprintf(x, "ip route %s %s Tunnel%d track %u\n", a, m, t->ord,
		    t->key);
	}
	xprintf(x, "ip sla %u\n", t->key);
	xprintf(x, " icmp-echo %s source-interface Tunnel%d\n", t->aws_in,
	    t->ord);
	xputs(x, " timeout 1000\n frequency 5\nexit\n");
	xprintf(x, "ip sla schedule %u life forever start-time now\n", t->key);
	xprintf(x, "track %u ip sla %u reachability\n", t->key, t->key);
	free(vpc);
}

static void
ios_tunnel(struct xctx *x, const struct xtunnel *t)
{
	char id[X_TOKEN];
	int n = t->t - 1;

	snprintf(id, sizeof id, "vpn-%s", t->c->name);
	xputs(x, "! -------------------------------------------------------------"
	    "--------\n");
	xprintf(x, "! %s, IPsec tunnel #%d (AWS tunnel %d)%s\n", t->c->name,
	    t->t, t->t, t->enabled ? "" : ": disabled in the design");
	xprintf(x, "!   inside %s: AWS %s, this device %s\n", t->inside,
	    t->aws_in, t->cust_in);
	if (t->c->ike.version == 1)
		ios_ikev1(x, t, id, n);
	else
		ios_ikev2(x, t, id, n);
	ios_ipsec(x, t, id, n);
	xputs(x, "! #3: Tunnel interface configuration\n");
	xprintf(x, "interface Tunnel%d\n", t->ord);
	xprintf(x, " description %s tunnel %d to AWS\n", t->c->name, t->t);
	xprintf(x, " ip address %s %s\n", t->cust_in, t->mask);
	xputs(x, " ip virtual-reassembly\n");
	xprintf(x, " ip mtu %d\n", t->mtu);
	xprintf(x, " ip tcp adjust-mss %d\n", t->mss);
	xprintf(x, " tunnel source %s\n", t->cust_out);
	xprintf(x, " tunnel destination %s\n", t->aws_out);
	xputs(x, " tunnel mode ipsec ipv4\n");
	xprintf(x, " tunnel protection ipsec profile ipsec-%s-%d\n", id, n);
	xprintf(x, " %s\nexit\n", t->enabled ? "no shutdown" : "shutdown");
	if (t->c->routing == ROUTING_STATIC)
		ios_static(x, t);
	else
		xprintf(x, "! #4: BGP: neighbor %s in router bgp below\n",
		    t->aws_in);
	xputs(x, "!\n");
}

static const char *
ios_port(double gbps)
{
	if (gbps >= 400)
		return "FourHundredGigE";
	if (gbps >= 100)
		return "HundredGigE";
	if (gbps >= 25)
		return "TwentyFiveGigE";
	if (gbps >= 10)
		return "TenGigabitEthernet";
	return "GigabitEthernet";
}

static void
ios_dx(struct xctx *x, const struct xdx *dx)
{
	const struct connection *c = dx->c;
	const char *port = ios_port(c->gbps);

	xputs(x, "! -------------------------------------------------------------"
	    "--------\n");
	xprintf(x, "! %s: Direct Connect %s virtual interface\n", c->name,
	    x->d->vpc.gateway == GATEWAY_TGW ? "transit" : "private");
	xprintf(x, "!   %s, %s, %g Gbps, VLAN %d\n!   peering %s: AWS %s, "
	    "this device %s\n", c->location, c->provider, c->gbps, c->vlan, dx->peer,
	    dx->aws, dx->cust);
	if (c->gbps > 1)
		xputs(x, "!   AWS: auto-negotiation off on ports above 1 Gbps\n");
	xprintf(x, "interface %s0/0/%d\n", port, dx->ord);
	xprintf(x, " description %s to AWS Direct Connect\n", c->name);
	xputs(x, " no ip address\n no shutdown\nexit\n");
	xprintf(x, "interface %s0/0/%d.%d\n", port, dx->ord, c->vlan);
	xprintf(x, " description %s virtual interface on VLAN %d\n", c->name,
	    c->vlan);
	xprintf(x, " encapsulation dot1Q %d\n", c->vlan);
	xprintf(x, " ip address %s %s\n", dx->cust, dx->mask);
	xputs(x, " no ip redirects\n");
	if (c->bfd)
		xprintf(x, " bfd interval %d min_rx %d multiplier %d\n",
		    X_BFD_INTERVAL, X_BFD_INTERVAL, X_BFD_MULTIPLIER);
	xputs(x, " no shutdown\nexit\n!\n");
}

static void
ios_bgp(struct xctx *x)
{
	size_t nanch;
	const struct prefix **anch;

	if (!xhas_bgp(x) && !xhas_static(x))
		return;
	anch = xanchors(x, &nanch);
	xputs(x, "! -------------------------------------------------------------"
	    "--------\n");
	xbgp_comment(x, "!");
	xprintf(x, "router bgp %u\n", x->dev->asn);
	xputs(x, " bgp log-neighbor-changes\n");
	for (size_t i = 0; i < x->ntun; i++) {
		const struct xtunnel *t = &x->tun[i];

		if (t->c->routing != ROUTING_BGP)
			continue;
		xprintf(x, " neighbor %s remote-as %u\n", t->aws_in,
		    x->d->vpc.asn);
		xprintf(x, " neighbor %s description %s tunnel %d\n", t->aws_in,
		    t->c->name, t->t);
		xprintf(x, " neighbor %s timers %d %d %d\n", t->aws_in,
		    X_VPN_KEEPALIVE, X_VPN_HOLD, X_VPN_HOLD);
		if (!t->enabled)
			xprintf(x, " neighbor %s shutdown\n", t->aws_in);
	}
	for (size_t i = 0; i < x->ndx; i++) {
		const struct xdx *dx = &x->dx[i];

		xprintf(x, " neighbor %s remote-as %u\n", dx->aws, dx->aws_asn);
		xprintf(x, " neighbor %s description %s\n", dx->aws, dx->c->name);
		xprintf(x, " neighbor %s password %s\n", dx->aws, dx->md5);
		if (dx->c->bfd)
			xprintf(x, " neighbor %s fall-over bfd\n", dx->aws);
	}
	xputs(x, " !\n address-family ipv4 unicast\n");
	for (size_t i = 0; i < nanch; i++) {
		char a[X_ADDR], m[X_ADDR];

		xaddr(anch[i], a);
		xnetmask(anch[i], m);
		xprintf(x, "  network %s mask %s\n", a, m);
	}
	for (size_t i = 0; i < x->ntun + x->ndx; i++) {
		const struct connection *c;
		const char *peer;

		if (i < x->ntun) {
			c = x->tun[i].c;
			peer = x->tun[i].aws_in;
			if (c->routing != ROUTING_BGP)
				continue;
		} else {
			c = x->dx[i - x->ntun].c;
			peer = x->dx[i - x->ntun].aws;
		}
		xprintf(x, "  neighbor %s activate\n", peer);
		xprintf(x, "  neighbor %s send-community\n", peer);
		xprintf(x, "  neighbor %s soft-reconfiguration inbound\n", peer);
		xprintf(x, "  neighbor %s route-map from-aws-%s in\n", peer,
		    c->name);
		xprintf(x, "  neighbor %s route-map to-aws-%s out\n", peer,
		    c->name);
	}
	if (xhas_static(x))
		xputs(x, "  redistribute static route-map static-from-aws\n");
	xputs(x, " exit-address-family\nexit\n!\n");
	if (nanch > 0) {
		xputs(x, "! Anchors: keep every advertised prefix in the table, so "
		    "AWS keeps\n! receiving it as the design assumes; more specific "
		    "routes still win.\n");
		for (size_t i = 0; i < nanch; i++) {
			char a[X_ADDR], m[X_ADDR];

			xaddr(anch[i], a);
			xnetmask(anch[i], m);
			xprintf(x, "ip route %s %s Null0 254\n", a, m);
		}
		xputs(x, "!\n");
	}
	free(anch);
}

static void
ios_policy(struct xctx *x)
{
	size_t nv;
	const struct prefix **vpc = xvpc_v4(x->d, &nv);
	int seq = 10;

	for (size_t i = 0; i < x->nconns; i++) {
		const struct connection *c = x->conns[i];
		struct xgroup *g;
		size_t ng;

		if (c->type == CONN_VPN && c->routing == ROUTING_STATIC)
			continue;
		g = xgroups(c, &ng);
		xprintf(x, "! %s: what AWS receives over it, and the preference "
		    "toward AWS\n", c->name);
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
			if (g[k].prepend > 0) {
				xputs(x, " set as-path prepend");
				for (int r = 0; r < g[k].prepend; r++)
					xprintf(x, " %u", x->dev->asn);
				xputs(x, "\n");
			}
			if (c->type == CONN_DX && g[k].lp != LP_NONE)
				xprintf(x, " set community 7224:%d\n",
				    design_lp_community(g[k].lp));
			if (g[k].has_med)
				xprintf(x, " set metric %u\n", g[k].med);
			xputs(x, "exit\n");
		}
		if (ng == 0)
			xprintf(x, "route-map to-aws-%s deny 10\nexit\n", c->name);
		xprintf(x, "route-map from-aws-%s permit 10\n", c->name);
		xprintf(x, " set local-preference %d\nexit\n!\n", c->local_pref);
		free(g);
	}
	if (!xhas_static(x)) {
		free(vpc);
		return;
	}
	xputs(x, "! Static VPN routes into BGP, with each connection's "
	    "preference\n");
	for (size_t i = 0; i < nv; i++) {
		char p[X_ADDR];

		xcidr(vpc[i], p);
		xprintf(x, "ip prefix-list aws-vpc seq %zu permit %s\n",
		    (i + 1) * 5, p);
	}
	for (size_t i = 0; i < x->nconns; i++) {
		const struct connection *c = x->conns[i];

		if (c->type != CONN_VPN || c->routing != ROUTING_STATIC)
			continue;
		xprintf(x, "route-map static-from-aws permit %d\n", seq);
		xputs(x, " match ip address prefix-list aws-vpc\n");
		xputs(x, " match interface");
		for (size_t t = 0; t < x->ntun; t++)
			if (x->tun[t].c == c)
				xprintf(x, " Tunnel%d", x->tun[t].ord);
		xprintf(x, "\n set local-preference %d\nexit\n", c->local_pref);
		seq += 10;
	}
	xputs(x, "!\n");
	free(vpc);
}

static void
ios_end(struct xctx *x)
{
	xputs(x, "end\n");
}

const struct export_ops export_ops_ios = {
	"cisco-ios", VENDOR_CISCO_IOS, ".ios.cfg", true, NULL,
	ios_begin, ios_tunnel, ios_dx, ios_bgp, ios_policy, ios_end,
};
