/* strongSwan (swanctl.conf) for FRR devices: one IKE connection per VPN
 * tunnel, route-based as AWS's strongSwan template is (a VTI per tunnel
 * whose key is the CHILD_SA's mark), the PSKs in the secrets section.
 * The tests load this file into a real charon and bring each tunnel's IKE
 * SA up against a peer configured as AWS. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/emit.h"

static const char *
swan_enc(int enc)
{
	static const char *const v[] = { "aes128", "aes256", "aes128gcm16",
	    "aes256gcm16" };

	return v[enc];
}

static const char *
swan_integ(int integ)
{
	static const char *const v[] = { "sha1", "sha256", "sha384", "sha512" };

	return v[integ];
}

/* Proposals for one phase: IKEv2 puts every algorithm of a kind in one
 * proposal (AEAD and classic ciphers apart); IKEv1 takes one of each per
 * proposal. */
void
export_swan_proposals(const struct ike *ike, int phase, struct strbuf *sb)
{
	const struct ike_phase *p = phase == 1 ? &ike->phase1 : &ike->phase2;
	bool first = true;
	int ndh = p->ndh;

	if (ike->version == 1) {
		for (int e = 0; e < p->nencryption; e++) {
			bool gcm = xenc_gcm(p->encryption[e]);
			int nint = gcm ? 1 : p->nintegrity;

			if (gcm && phase == 1)
				continue;
			for (int i = 0; i < nint; i++)
				for (int g = 0; g < (ndh ? ndh : 1); g++) {
					strbuf_addf(sb, "%s%s", first ? "" : ",",
					    swan_enc(p->encryption[e]));
					if (!gcm)
						strbuf_addf(sb, "-%s", swan_integ(p->integrity[i]));
					if (ndh)
						strbuf_addf(sb, "-%s", xdh_swan(p->dh[g]));
					first = false;
				}
		}
		return;
	}
	for (int e0 = 0; e0 < p->nencryption; e0++) {
		bool gcm = xenc_gcm(p->encryption[e0]);
		bool done = false;

		/* One proposal per kind, in the order the kinds first appear. */
		for (int e = 0; e < e0; e++)
			if (xenc_gcm(p->encryption[e]) == gcm)
				done = true;
		if (done)
			continue;
		if (!first)
			strbuf_puts(sb, ",");
		first = false;
		for (int e = 0, n = 0; e < p->nencryption; e++)
			if (xenc_gcm(p->encryption[e]) == gcm)
				strbuf_addf(sb, "%s%s", n++ ? "-" : "",
				    swan_enc(p->encryption[e]));
		if (!gcm || phase == 1)
			for (int i = 0; i < p->nintegrity; i++)
				strbuf_addf(sb, "-%s%s", gcm ? "prf" : "",
				    swan_integ(p->integrity[i]));
		for (int g = 0; g < p->ndh; g++)
			strbuf_addf(sb, "-%s", xdh_swan(p->dh[g]));
	}
}

static bool
swan_wanted(const struct xctx *x)
{
	return xhas_vpn(x);
}

static void
swan_begin(struct xctx *x)
{
	xheader(x, "#", "strongSwan (swanctl.conf)");
	xputs(x, "#\n# Route-based, as AWS's strongSwan template: one VTI per "
	    "tunnel, its key the\n# CHILD_SA's mark.  Before loading, as "
	    "root:\n");
	for (size_t i = 0; i < x->ntun; i++) {
		const struct xtunnel *t = &x->tun[i];

		xprintf(x, "#   ip link add %s type vti local %s remote %s key %u\n",
		    t->vti, t->cust_out, t->aws_out, t->key);
		xprintf(x, "#   ip link set %s up mtu %d\n", t->vti, t->mtu);
		xprintf(x, "#   sysctl -w net/ipv4/conf/%s/disable_policy=1 "
		    "net/ipv4/conf/%s/rp_filter=2\n", t->vti, t->vti);
		xprintf(x, "#   iptables -t mangle -A FORWARD -o %s -p tcp "
		    "--tcp-flags SYN,RST SYN -j TCPMSS --set-mss %d\n", t->vti,
		    t->mss);
	}
	xprintf(x, "# The VTIs' addresses and BGP come from %s.frr.conf.  In "
	    "strongswan.conf set\n# charon { install_routes = no } so the "
	    "0.0.0.0/0 selectors route nothing.\n#\n", x->dev->name);
	xputs(x, "connections {\n");
}

static void
swan_tunnel(struct xctx *x, const struct xtunnel *t)
{
	const struct ike *ike = &t->c->ike;
	struct strbuf sb = STRBUF_INIT;
	uint32_t l1 = ike->phase1.lifetime, l2 = ike->phase2.lifetime;

	xprintf(x, "\t# %s tunnel %d (AWS tunnel %d)%s\n", t->c->name, t->t,
	    t->t, t->enabled ? "" : ": disabled in the design, not started");
	xprintf(x, "\t#   inside %s: AWS %s, this device %s\n", t->inside,
	    t->aws_in, t->cust_in);
	xprintf(x, "\t%s {\n", t->swan);
	xprintf(x, "\t\tversion = %d\n", ike->version);
	xprintf(x, "\t\tlocal_addrs = %s\n", t->cust_out);
	xprintf(x, "\t\tremote_addrs = %s\n", t->aws_out);
	export_swan_proposals(ike, 1, &sb);
	if (sb.len == 0)
		xfail(x, "%s: no phase 1 proposal strongSwan can use with IKEv%d",
		    t->c->name, ike->version);
	xprintf(x, "\t\tproposals = %s\n", sb.data ? sb.data : "");
	strbuf_free(&sb);
	/* Rekey before AWS's lifetime runs out; the SA lives exactly as
	 * long as AWS's. */
	xprintf(x, "\t\trekey_time = %us\n", l1 - l1 / 10);
	xprintf(x, "\t\tover_time = %us\n", l1 / 10);
	xprintf(x, "\t\tdpd_delay = %us\n", ike->dpd);
	if (ike->version == 1)
		xprintf(x, "\t\tdpd_timeout = %ds\n", X_DPD_TIMEOUT);
	xputs(x, "\t\tmobike = no\n");
	xputs(x, "\t\tlocal {\n\t\t\tauth = psk\n");
	xprintf(x, "\t\t\tid = %s\n\t\t}\n", t->cust_out);
	xputs(x, "\t\tremote {\n\t\t\tauth = psk\n");
	xprintf(x, "\t\t\tid = %s\n\t\t}\n", t->aws_out);
	xputs(x, "\t\tchildren {\n");
	xprintf(x, "\t\t\t%s {\n", t->swan);
	xputs(x, "\t\t\t\tlocal_ts = 0.0.0.0/0\n\t\t\t\tremote_ts = 0.0.0.0/0\n");
	xputs(x, "\t\t\t\tmode = tunnel\n");
	export_swan_proposals(ike, 2, &sb);
	xprintf(x, "\t\t\t\tesp_proposals = %s\n", sb.data ? sb.data : "");
	strbuf_free(&sb);
	xprintf(x, "\t\t\t\trekey_time = %us\n", l2 - l2 / 10);
	xprintf(x, "\t\t\t\tlife_time = %us\n", l2);
	xprintf(x, "\t\t\t\tmark_in = %u\n\t\t\t\tmark_out = %u\n", t->key,
	    t->key);
	xputs(x, "\t\t\t\tdpd_action = restart\n");
	xprintf(x, "\t\t\t\tstart_action = %s\n", t->enabled ? "start" : "none");
	xputs(x, "\t\t\t}\n\t\t}\n\t}\n");
}

static void
swan_end(struct xctx *x)
{
	xputs(x, "}\n\nsecrets {\n");
	for (size_t i = 0; i < x->ntun; i++) {
		const struct xtunnel *t = &x->tun[i];

		xprintf(x, "\tike-%s {\n", t->swan);
		xprintf(x, "\t\tid-local = %s\n", t->cust_out);
		xprintf(x, "\t\tid-aws = %s\n", t->aws_out);
		xprintf(x, "\t\tsecret = \"%s\"\n\t}\n", t->psk);
	}
	xputs(x, "}\n");
}

const struct export_ops export_ops_strongswan = {
	"strongswan", VENDOR_FRR, ".swanctl.conf", true, swan_wanted,
	swan_begin, swan_tunnel, NULL, NULL, NULL, swan_end,
};
