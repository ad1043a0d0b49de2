/* Juniper JunOS as set commands, in the structure and naming of AWS's
 * downloadable SRX configuration (aws-facts 5): ike-prop-vpn-ID-N,
 * ike-pol-vpn-ID-N, gw-vpn-ID-N, ipsec-prop-vpn-ID-N, ipsec-pol-vpn-ID-N,
 * vpn-ID-N bound to st0.M, with N = 1, 2 and the connection's name as
 * the VPN ID.  Security zones only on devices with VPNs (an SRX). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/emit.h"

#define JUNOS_NAME_MAX 32

static bool
junos_dh(int g)
{
	return g == 2 || g == 5 || g == 14 || g == 15 || g == 16 || g == 19 ||
	    g == 20 || g == 21 || g == 24;
}

static const char *
junos_enc(int enc)
{
	static const char *const v[] = { "aes-128-cbc", "aes-256-cbc",
	    "aes-128-gcm", "aes-256-gcm" };

	return v[enc];
}

static const char *
junos_ike_auth(int integ)
{
	static const char *const v[] = { "sha1", "sha-256", "sha-384",
	    "sha-512" };

	return v[integ];
}

static const char *
junos_esp_auth(int integ)
{
	static const char *const v[] = { "hmac-sha1-96", "hmac-sha-256-128",
	    "hmac-sha-384", "hmac-sha-512" };

	return v[integ];
}

/* JunOS derives an AES-GCM IKE proposal's PRF from the cipher and
 * takes no other (its prf-algorithm reference: aes-256-gcm goes with
 * PRF-384); AWS offers only the PRFs of the design's phase 1 integrity
 * list. */
static int
junos_gcm_prf(int enc)
{
	return enc == IKE_AES256_GCM16 ? IKE_SHA2_384 : IKE_SHA2_256;
}

static bool
junos_gcm_prf_ok(const struct ike_phase *p1, int enc)
{
	for (int i = 0; i < p1->nintegrity; i++)
		if (p1->integrity[i] == junos_gcm_prf(enc))
			return true;
	return false;
}

static const char *
junos_port(double gbps)
{
	return gbps >= 25 ? "et" : gbps >= 10 ? "xe" : "ge";
}

static int
junos_groups(struct xctx *x, const struct xtunnel *t,
    const struct ike_phase *p, int phase, int *out)
{
	int n = 0;

	for (int i = 0; i < p->ndh; i++) {
		if (junos_dh(p->dh[i]))
			out[n++] = p->dh[i];
		else
			xprintf(x, "# DH group %d (phase %d) left out: JunOS has no "
			    "group%d\n", p->dh[i], phase, p->dh[i]);
	}
	if (n == 0 && (phase == 1 || p->ndh > 0))
		xfail(x, "%s: none of the phase %d DH groups is one JunOS "
		    "supports (1, 2, 5, 14-16, 19-21, 24)", t->c->name, phase);
	return n;
}

static void
junos_begin(struct xctx *x)
{
	int mss = 0;

	xheader(x, "#", "Juniper JunOS (set commands)");
	xputs(x, "#\n# Interface names to adjust: ge-0/0/0.0 is the outside "
	    "(Internet) interface;\n# each DX connection uses its own port "
	    "(ge-, xe- or et-0/0/N by speed).\n");
	xputs(x, "# Load in configuration mode with: load set terminal (or "
	    "load set FILE)\n#\n");
	xprintf(x, "set routing-options autonomous-system %u\n", x->dev->asn);
	if (!xhas_vpn(x))
		return;
	for (size_t i = 0; i < x->ntun; i++)
		if (mss == 0 || x->tun[i].mss < mss)
			mss = x->tun[i].mss;
	xputs(x, "set security zones security-zone untrust interfaces "
	    "ge-0/0/0.0\n");
	xputs(x, "set security zones security-zone untrust host-inbound-traffic "
	    "system-services ike\n");
	xputs(x, "set security zones security-zone trust host-inbound-traffic "
	    "protocols bgp\n");
	if (xhas_bfd(x))
		xputs(x, "set security zones security-zone trust "
		    "host-inbound-traffic protocols bfd\n");
	xprintf(x, "set security flow tcp-mss ipsec-vpn mss %d\n", mss);
}

static void
junos_tunnel(struct xctx *x, const struct xtunnel *t)
{
	const struct ike *ike = &t->c->ike;
	const struct ike_phase *p1 = &ike->phase1, *p2 = &ike->phase2;
	char id[X_TOKEN];
	int groups[IKE_DH_MAX], ng, n = t->t, k = 0;
	struct strbuf props = STRBUF_INIT;

	/* JunOS names are at most 32 characters: ipsec-prop-vpn-ID-N-K
	 * leaves 12 for the connection's name, else its number. */
	if (strlen(t->c->name) <= JUNOS_NAME_MAX - 20)
		snprintf(id, sizeof id, "vpn-%s", t->c->name);
	else
		snprintf(id, sizeof id, "vpn-%d", t->conn_ord);
	xputs(x, "# -------------------------------------------------------------"
	    "--------\n");
	xprintf(x, "# %s, IPsec tunnel #%d (AWS tunnel %d)%s\n", t->c->name,
	    t->t, t->t, t->enabled ? "" : ": disabled in the design");
	if (strcmp(id + 4, t->c->name) != 0)
		xprintf(x, "#   named %s here: JunOS names are at most %d "
		    "characters\n", id, JUNOS_NAME_MAX);
	xprintf(x, "#   inside %s: AWS %s, this device %s\n", t->inside,
	    t->aws_in, t->cust_in);
	xprintf(x, "# #1: Internet Key Exchange (IKE) configuration, IKEv%d\n",
	    ike->version);
	ng = junos_groups(x, t, p1, 1, groups);
	for (int e = 0; e < p1->nencryption; e++) {
		bool gcm = xenc_gcm(p1->encryption[e]);
		int nint = gcm ? 1 : p1->nintegrity;

		if (gcm && ike->version == 1) {
			xprintf(x, "# %s left out: IKEv1 has no AES-GCM for phase 1\n",
			    design_ike_encryption_name(p1->encryption[e]));
			continue;
		}
		if (gcm && !junos_gcm_prf_ok(p1, p1->encryption[e])) {
			xprintf(x, "# %s left out: JunOS pairs it with PRF %s, which "
			    "the design's phase 1\n# integrity list (AWS's PRFs) does "
			    "not hold\n", design_ike_encryption_name(p1->encryption[e]),
			    design_ike_integrity_name(junos_gcm_prf(p1->encryption[e])));
			continue;
		}
		for (int i = 0; i < nint; i++)
			for (int g = 0; g < ng; g++) {
				char name[2 * X_TOKEN];

				if (k == 0)
					snprintf(name, sizeof name, "ike-prop-%s-%d", id, n);
				else
					snprintf(name, sizeof name, "ike-prop-%s-%d-%d", id,
					    n, k + 1);
				k++;
				strbuf_addf(&props, " %s", name);
				xprintf(x, "set security ike proposal %s "
				    "authentication-method pre-shared-keys\n", name);
				if (!gcm)
					xprintf(x, "set security ike proposal %s "
					    "authentication-algorithm %s\n", name,
					    junos_ike_auth(p1->integrity[i]));
				xprintf(x, "set security ike proposal %s "
				    "encryption-algorithm %s\n", name,
				    junos_enc(p1->encryption[e]));
				xprintf(x, "set security ike proposal %s lifetime-seconds "
				    "%u\n", name, p1->lifetime);
				xprintf(x, "set security ike proposal %s dh-group group%d\n",
				    name, groups[g]);
			}
	}
	if (k == 0)
		xfail(x, "%s: no phase 1 proposal JunOS can use: JunOS pairs "
		    "aes256-gcm16 with PRF sha2-384 and aes128-gcm16 with sha2-256, "
		    "so add that to ike.phase1.integrity, or add aes256 (CBC)",
		    t->c->name);
	if (ike->version == 1)
		xprintf(x, "set security ike policy ike-pol-%s-%d mode main\n", id,
		    n);
	xprintf(x, "set security ike policy ike-pol-%s-%d proposals %s%s%s\n",
	    id, n, k > 1 ? "[" : "", props.data ? props.data + (k > 1 ? 0 : 1) :
	    "", k > 1 ? " ]" : "");
	xprintf(x, "set security ike policy ike-pol-%s-%d pre-shared-key "
	    "ascii-text \"%s\"\n", id, n, t->psk);
	xprintf(x, "set security ike gateway gw-%s-%d ike-policy "
	    "ike-pol-%s-%d\n", id, n, id, n);
	xprintf(x, "set security ike gateway gw-%s-%d external-interface "
	    "ge-0/0/0.0\n", id, n);
	xprintf(x, "set security ike gateway gw-%s-%d address %s\n", id, n,
	    t->aws_out);
	xprintf(x, "set security ike gateway gw-%s-%d local-address %s\n", id, n,
	    t->cust_out);
	xprintf(x, "set security ike gateway gw-%s-%d dead-peer-detection "
	    "interval %u\n", id, n, ike->dpd);
	xprintf(x, "set security ike gateway gw-%s-%d dead-peer-detection "
	    "threshold 3\n", id, n);
	if (ike->version == 2)
		xprintf(x, "set security ike gateway gw-%s-%d version v2-only\n",
		    id, n);
	strbuf_free(&props);

	xputs(x, "# #2: IPsec configuration\n");
	k = 0;
	for (int e = 0; e < p2->nencryption; e++) {
		bool gcm = xenc_gcm(p2->encryption[e]);
		int nint = gcm ? 1 : p2->nintegrity;

		for (int i = 0; i < nint; i++) {
			char name[2 * X_TOKEN];

			if (k == 0)
				snprintf(name, sizeof name, "ipsec-prop-%s-%d", id, n);
			else
				snprintf(name, sizeof name, "ipsec-prop-%s-%d-%d", id, n,
				    k + 1);
			k++;
			strbuf_addf(&props, " %s", name);
			xprintf(x, "set security ipsec proposal %s protocol esp\n",
			    name);
			if (!gcm)
				xprintf(x, "set security ipsec proposal %s "
				    "authentication-algorithm %s\n", name,
				    junos_esp_auth(p2->integrity[i]));
			xprintf(x, "set security ipsec proposal %s encryption-algorithm "
			    "%s\n", name, junos_enc(p2->encryption[e]));
			xprintf(x, "set security ipsec proposal %s lifetime-seconds "
			    "%u\n", name, p2->lifetime);
		}
	}
	ng = junos_groups(x, t, p2, 2, groups);
	if (ng > 0)
		xprintf(x, "set security ipsec policy ipsec-pol-%s-%d "
		    "perfect-forward-secrecy keys group%d\n", id, n, groups[0]);
	xprintf(x, "set security ipsec policy ipsec-pol-%s-%d proposals %s%s%s\n",
	    id, n, k > 1 ? "[" : "", props.data ? props.data + (k > 1 ? 0 : 1) :
	    "", k > 1 ? " ]" : "");
	strbuf_free(&props);
	xprintf(x, "set security ipsec vpn %s-%d bind-interface st0.%d\n", id, n,
	    t->ord);
	xprintf(x, "set security ipsec vpn %s-%d ike gateway gw-%s-%d\n", id, n,
	    id, n);
	xprintf(x, "set security ipsec vpn %s-%d ike ipsec-policy "
	    "ipsec-pol-%s-%d\n", id, n, id, n);
	xprintf(x, "set security ipsec vpn %s-%d df-bit clear\n", id, n);
	xprintf(x, "set security ipsec vpn %s-%d establish-tunnels "
	    "immediately\n", id, n);
	if (t->c->routing == ROUTING_STATIC) {
		xprintf(x, "set security ipsec vpn %s-%d vpn-monitor destination-ip "
		    "%s\n", id, n, t->aws_in);
		xprintf(x, "set security ipsec vpn %s-%d vpn-monitor "
		    "source-interface st0.%d\n", id, n, t->ord);
	}

	xputs(x, "# #3: Tunnel interface configuration\n");
	xprintf(x, "set interfaces st0.%d family inet address %s/%d\n", t->ord,
	    t->cust_in, t->plen);
	xprintf(x, "set interfaces st0.%d family inet mtu %d\n", t->ord, t->mtu);
	if (!t->enabled)
		xprintf(x, "set interfaces st0.%d disable\n", t->ord);
	xprintf(x, "set security zones security-zone trust interfaces st0.%d\n",
	    t->ord);
	if (t->c->routing == ROUTING_STATIC) {
		size_t nv;
		const struct prefix **vpc = xvpc_v4(x->d, &nv);

		xputs(x, "# #4: Static route configuration (vpn-monitor takes the "
		    "route down with the tunnel)\n");
		for (size_t i = 0; i < nv; i++) {
			char p[X_ADDR];

			xcidr(vpc[i], p);
			xprintf(x, "set routing-options static route %s next-hop "
			    "st0.%d\n", p, t->ord);
		}
		free(vpc);
	} else
		xprintf(x, "# #4: BGP: neighbor %s in group aws-%s below\n",
		    t->aws_in, t->c->name);
}

static void
junos_dx(struct xctx *x, const struct xdx *dx)
{
	const struct connection *c = dx->c;
	char port[32];

	snprintf(port, sizeof port, "%s-0/0/%d", junos_port(c->gbps), dx->ord);
	xputs(x, "# -------------------------------------------------------------"
	    "--------\n");
	xprintf(x, "# %s: Direct Connect %s virtual interface\n", c->name,
	    x->d->vpc.gateway == GATEWAY_TGW ? "transit" : "private");
	xprintf(x, "#   %s, %s, %g Gbps, VLAN %d\n#   peering %s: AWS %s, "
	    "this device %s\n", c->location, c->provider, c->gbps, c->vlan, dx->peer,
	    dx->aws, dx->cust);
	if (c->gbps > 1)
		xputs(x, "#   AWS: auto-negotiation off on ports above 1 Gbps\n");
	xprintf(x, "set interfaces %s vlan-tagging\n", port);
	xprintf(x, "set interfaces %s unit %d vlan-id %d\n", port, c->vlan,
	    c->vlan);
	xprintf(x, "set interfaces %s unit %d family inet address %s/%d\n", port,
	    c->vlan, dx->cust, dx->plen);
	if (xhas_vpn(x))
		xprintf(x, "set security zones security-zone trust interfaces "
		    "%s.%d\n", port, c->vlan);
}

static void
junos_bgp(struct xctx *x)
{
	size_t nanch;
	const struct prefix **anch = xanchors(x, &nanch);

	if (xhas_bgp(x)) {
		xputs(x, "# -----------------------------------------------------------"
		    "----------\n");
		xbgp_comment(x, "#");
	}
	for (size_t i = 0; i < x->nconns; i++) {
		const struct connection *c = x->conns[i];
		char grp[X_TOKEN];

		if (c->type == CONN_VPN && c->routing != ROUTING_BGP)
			continue;
		snprintf(grp, sizeof grp, "protocols bgp group aws-%s", c->name);
		xprintf(x, "set %s type external\n", grp);
		xprintf(x, "set %s peer-as %u\n", grp, xaws_asn(x->d, c));
		xprintf(x, "set %s import from-aws-%s\n", grp, c->name);
		xprintf(x, "set %s export to-aws-%s\n", grp, c->name);
		if (c->type == CONN_VPN) {
			xprintf(x, "set %s hold-time %d\n", grp, X_VPN_HOLD);
			for (size_t t = 0; t < x->ntun; t++) {
				if (x->tun[t].c != c)
					continue;
				xprintf(x, "set %s neighbor %s\n", grp, x->tun[t].aws_in);
				if (!x->tun[t].enabled)
					xprintf(x, "deactivate %s neighbor %s\n", grp,
					    x->tun[t].aws_in);
			}
			continue;
		}
		for (size_t k = 0; k < x->ndx; k++) {
			const struct xdx *dx = &x->dx[k];

			if (dx->c != c)
				continue;
			xprintf(x, "set %s authentication-key \"%s\"\n", grp, dx->md5);
			xprintf(x, "set %s neighbor %s\n", grp, dx->aws);
			if (c->bfd) {
				xprintf(x, "set %s neighbor %s bfd-liveness-detection "
				    "minimum-interval %d\n", grp, dx->aws, X_BFD_INTERVAL);
				xprintf(x, "set %s neighbor %s bfd-liveness-detection "
				    "multiplier %d\n", grp, dx->aws, X_BFD_MULTIPLIER);
			}
		}
	}
	if (nanch > 0) {
		xputs(x, "# Anchors: keep every advertised prefix in the table, so "
		    "AWS keeps\n# receiving it as the design assumes; routes of "
		    "your IGP still win.\n");
		for (size_t i = 0; i < nanch; i++) {
			char p[X_ADDR];

			xcidr(anch[i], p);
			xprintf(x, "set routing-options static route %s discard\n", p);
			xprintf(x, "set routing-options static route %s preference "
			    "250\n", p);
		}
	}
	free(anch);
}

static void
junos_policy(struct xctx *x)
{
	bool used[4] = { false, false, false, false };
	static const char *const lpname[4] = { NULL, "aws-lp-low",
	    "aws-lp-medium", "aws-lp-high" };

	for (size_t i = 0; i < x->nconns; i++) {
		const struct connection *c = x->conns[i];
		size_t ng;
		struct xgroup *g = xgroups(c, &ng);

		if (c->type == CONN_DX)
			for (size_t k = 0; k < ng; k++)
				used[g[k].lp] = true;
		free(g);
	}
	for (int lp = LP_LOW; lp <= LP_HIGH; lp++)
		if (used[lp])
			xprintf(x, "set policy-options community %s members 7224:%d\n",
			    lpname[lp], design_lp_community((enum lp_community)lp));
	for (size_t i = 0; i < x->nconns; i++) {
		const struct connection *c = x->conns[i];
		struct xgroup *g;
		size_t ng;
		char ps[X_TOKEN];

		if (c->type == CONN_VPN && c->routing == ROUTING_STATIC)
			continue;
		g = xgroups(c, &ng);
		xprintf(x, "# %s: what AWS receives over it, and the preference "
		    "toward AWS\n", c->name);
		if (xconn_has_v6(c))
			xputs(x, "# IPv6 advertisements left out: they need an IPv6 "
			    "peering, which the\n# design does not describe\n");
		for (size_t k = 0; k < ng; k++)
			for (size_t a = g[k].first; a < c->nadverts; a++) {
				char p[X_ADDR];

				if (!xgroup_has(&g[k], &c->adverts[a]))
					continue;
				xcidr(&c->adverts[a].prefix, p);
				xprintf(x, "set policy-options prefix-list adv-%s-%zu %s\n",
				    c->name, k + 1, p);
			}
		snprintf(ps, sizeof ps, "policy-options policy-statement to-aws-%s",
		    c->name);
		for (size_t k = 0; k < ng; k++) {
			xprintf(x, "set %s term adv-%zu from prefix-list-filter "
			    "adv-%s-%zu exact\n", ps, k + 1, c->name, k + 1);
			if (g[k].prepend > 0) {
				xprintf(x, "set %s term adv-%zu then as-path-prepend \"", ps,
				    k + 1);
				for (int r = 0; r < g[k].prepend; r++)
					xprintf(x, "%s%u", r ? " " : "", x->dev->asn);
				xputs(x, "\"\n");
			}
			if (c->type == CONN_DX && g[k].lp != LP_NONE)
				xprintf(x, "set %s term adv-%zu then community add %s\n",
				    ps, k + 1, lpname[g[k].lp]);
			if (g[k].has_med)
				xprintf(x, "set %s term adv-%zu then metric %u\n", ps,
				    k + 1, g[k].med);
			xprintf(x, "set %s term adv-%zu then accept\n", ps, k + 1);
		}
		xprintf(x, "set %s term reject then reject\n", ps);
		xprintf(x, "set policy-options policy-statement from-aws-%s term pref "
		    "then local-preference %d\n", c->name, c->local_pref);
		xprintf(x, "set policy-options policy-statement from-aws-%s term pref "
		    "then accept\n", c->name);
		free(g);
	}
	if (xhas_static(x)) {
		size_t nv;
		const struct prefix **vpc = xvpc_v4(x->d, &nv);

		xputs(x, "# Static VPN routes with each connection's preference: "
		    "export this policy\n# to your iBGP group\n");
		for (size_t i = 0; i < nv; i++) {
			char p[X_ADDR];

			xcidr(vpc[i], p);
			xprintf(x, "set policy-options prefix-list aws-vpc %s\n", p);
		}
		for (size_t i = 0; i < x->nconns; i++) {
			const struct connection *c = x->conns[i];
			const char *ps = "policy-options policy-statement "
			    "static-from-aws";

			if (c->type != CONN_VPN || c->routing != ROUTING_STATIC)
				continue;
			xprintf(x, "set %s term %s from protocol static\n", ps, c->name);
			xprintf(x, "set %s term %s from prefix-list aws-vpc\n", ps,
			    c->name);
			for (size_t t = 0; t < x->ntun; t++)
				if (x->tun[t].c == c)
					xprintf(x, "set %s term %s from interface st0.%d\n", ps,
					    c->name, x->tun[t].ord);
			xprintf(x, "set %s term %s then local-preference %d\n", ps,
			    c->name, c->local_pref);
			xprintf(x, "set %s term %s then accept\n", ps, c->name);
		}
		free(vpc);
	}
}

const struct export_ops export_ops_junos = {
	"junos", VENDOR_JUNOS, ".junos.set", true, NULL,
	junos_begin, junos_tunnel, junos_dx, junos_bgp, junos_policy, NULL,
};
