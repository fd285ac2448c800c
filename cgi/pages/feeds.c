/*
 * Atom 1.0 feeds (RFC 4287; README, "Feeds"): the newest public letters,
 * replies and published implementation updates.
 *
 *   /feeds/communications.atom, /feeds/replies.atom, /feeds/updates.atom
 *   /feeds/all.atom                 the three kinds together
 *   /feeds/states/{ISO3}.atom       the three kinds, of one State
 *   /feeds/mandates/{slug}.atom     the three kinds, of one mandate
 *
 * At most FEED_ENTRIES_MAX entries, newest first. Entry ids are stable
 * URLs of the portal (a reply's and an update's with a fragment). A
 * feed is small, so it is made in memory with xmlTextWriter and its ETag
 * is a digest of it; Last-Modified is its newest entry's time.
 */
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/writer.h"
#include "data/export_xml.h"
#include "data/feeds.h"
#include "http/request.h"
#include "http/response.h"
#include "pages/pages.h"

#define ATOM_NS		"http://www.w3.org/2005/Atom"
#define ATOM_TYPE	"application/atom+xml; charset=utf-8"
#define FEED_MAX	(1024u * 1024u)
#define FEED_EPOCH	"1970-01-01T00:00:00Z"	/* the updated of none */
#define FEED_RIGHTS	"Creative Commons Attribution 4.0 International " \
	"(CC BY 4.0), https://creativecommons.org/licenses/by/4.0/"
#define CONFIDENTIAL_SUMMARY "The State asked that this reply be kept " \
	"confidential: its text is not published."

struct feed {
	const char	*self;		/* the feed's path */
	const char	*title;
	const char	*alternate;	/* the HTML page it follows */
	const char	*kinds;
	const char	*state;
	const char	*mandate;
};

static const char *
origin(void)
{
	return config.origin != NULL ? config.origin : "";
}

/* The entry's link and id. */
static int
entry_urls(struct arena *a, const struct feed_entry *e, const char **link,
    const char **id)
{
	const char	*base = e->kind == 'u' ? "recommendations" :
	    "communications";

	*link = arena_printf(a, "%s/en/%s/%s", origin(), base, e->parent);
	if (*link == NULL)
		return -1;
	if (e->kind == 'c')
		*id = *link;
	else
		*id = arena_printf(a, "%s#%s-%s", *link, e->kind == 'r' ?
		    "reply" : "update", e->id);
	return *id == NULL ? -1 : 0;
}

static int
link_el(xmlTextWriterPtr x, const char *rel, const char *type,
    const char *href)
{
	return xmlTextWriterStartElement(x, BAD_CAST "link") < 0 ||
	    (rel != NULL && xml_attribute(x, "rel", rel) == -1) ||
	    (type != NULL && xml_attribute(x, "type", type) == -1) ||
	    xml_attribute(x, "href", href) == -1 ||
	    xmlTextWriterEndElement(x) < 0 ? -1 : 0;
}

static int
entry(struct arena *a, xmlTextWriterPtr x, const struct feed_entry *e)
{
	const char	*link, *id, *summary = e->summary;

	if (*summary == '\0')
		summary = e->kind == 'r' ? CONFIDENTIAL_SUMMARY : e->title;
	return entry_urls(a, e, &link, &id) == -1 ||
	    xmlTextWriterStartElement(x, BAD_CAST "entry") < 0 ||
	    xml_element(x, "id", id) == -1 ||
	    xml_element(x, "title", e->title) == -1 ||
	    xml_element(x, "updated", e->updated) == -1 ||
	    link_el(x, "alternate", "text/html", link) == -1 ||
	    xml_element(x, "summary", summary) == -1 ||
	    xmlTextWriterEndElement(x) < 0 ? -1 : 0;
}

static int
feed_write(struct req *r, const struct feed *f, const struct feed_entry *e,
    size_t n, struct writer *w)
{
	xmlTextWriterPtr	 x;
	const char		*self, *alt;
	size_t			 i;
	int			 rc = 0;

	if ((self = arena_printf(r->arena, "%s%s", origin(), f->self)) ==
	    NULL || (alt = arena_printf(r->arena, "%s%s", origin(),
	    f->alternate)) == NULL || (x = xml_open(w)) == NULL)
		return -1;
	if (xmlTextWriterStartElementNS(x, NULL, BAD_CAST "feed",
	    BAD_CAST ATOM_NS) < 0 || xml_element(x, "id", self) == -1 ||
	    xml_element(x, "title", f->title) == -1 ||
	    xml_element(x, "updated", n > 0 ? e[0].updated : FEED_EPOCH) ==
	    -1 || link_el(x, "self", "application/atom+xml", self) == -1 ||
	    link_el(x, "alternate", "text/html", alt) == -1 ||
	    xml_element(x, "rights", FEED_RIGHTS) == -1 ||
	    xmlTextWriterStartElement(x, BAD_CAST "author") < 0 ||
	    xml_element(x, "name", "Special Procedures portal") == -1 ||
	    xmlTextWriterEndElement(x) < 0)
		rc = -1;
	for (i = 0; rc == 0 && i < n; i++)
		rc = entry(r->arena, x, &e[i]);
	if (xml_close(x) == -1)
		rc = -1;
	return rc;
}

/* Make the feed, then answer 200 or 304. */
static int
feed_send(struct req *r, const struct feed *f)
{
	struct feed_entry	*e;
	struct writer		 w;
	struct buf		 b;
	size_t			 n;
	enum db_err		 err;

	if ((err = feed_entries(r->arena, f->kinds, f->state, f->mandate, &e,
	    &n)) != DB_OK)
		return db_http_status(err);
	buf_init(&b, r->arena, FEED_MAX);
	buf_writer(&b, &w);
	if (feed_write(r, f, e, n, &w) == -1)
		return 500;
	r->resp.csp = CSP_DOWNLOAD;
	(void)resp_send_tagged(r, ATOM_TYPE, n > 0 ? e[0].http_date : NULL,
	    b.data, b.len);
	return 0;
}

/* "NAME.atom" into NAME (at most max - 1 bytes); -1 if not that. */
static int
atom_name(const char *file, char *name, size_t max)
{
	size_t	 n = strlen(file);

	if (n <= 5 || strcmp(file + n - 5, ".atom") != 0 || n - 5 >= max)
		return -1;
	memcpy(name, file, n - 5);
	name[n - 5] = '\0';
	return 0;
}

int
page_feed(struct req *r)
{
	static const struct { const char *name, *kinds, *title, *alt; }
	    global[] = {
		{ "communications", "c", "New public communications",
		    "/en/communications" },
		{ "replies", "r", "New replies to communications",
		    "/en/communications" },
		{ "updates", "u", "New implementation updates",
		    "/en/recommendations" },
		{ "all", "cru", "New communications, replies and "
		    "implementation updates", "/en/communications" },
	};
	struct feed	 f;
	char		 name[32];
	size_t		 i;

	if (atom_name(r->params[0], name, sizeof(name)) == -1)
		return 404;
	for (i = 0; i < sizeof(global) / sizeof(global[0]); i++)
		if (strcmp(name, global[i].name) == 0)
			break;
	if (i == sizeof(global) / sizeof(global[0]))
		return 404;
	memset(&f, 0, sizeof(f));
	f.kinds = global[i].kinds;
	f.title = global[i].title;
	f.alternate = global[i].alt;
	f.state = f.mandate = "";
	if ((f.self = arena_printf(r->arena, "/feeds/%s", r->params[0])) ==
	    NULL)
		return 500;
	return feed_send(r, &f);
}

/* A State's or a mandate's feed; code checked for shape, then found. */
static int
scoped_feed(struct req *r, int is_state)
{
	struct feed	 f;
	char		 code[128];
	const char	*p;
	enum db_err	 e;
	int		 found;

	if (atom_name(r->params[0], code, sizeof(code)) == -1)
		return 404;
	for (p = code; *p != '\0'; p++)
		if (is_state ? !(*p >= 'A' && *p <= 'Z') :
		    !((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-'))
			return 404;
	if ((is_state && strlen(code) != 3) || *code == '\0')
		return 404;
	memset(&f, 0, sizeof(f));
	f.kinds = "cru";
	f.state = is_state ? code : "";
	f.mandate = is_state ? "" : code;
	if ((e = feed_scope_exists(f.state, f.mandate, &found)) != DB_OK)
		return db_http_status(e);
	if (!found)
		return 404;
	f.self = arena_printf(r->arena, "/feeds/%s/%s.atom", is_state ?
	    "states" : "mandates", code);
	f.title = arena_printf(r->arena, "Communications, replies and "
	    "implementation updates: %s", code);
	f.alternate = arena_printf(r->arena, "/en/%s/%s", is_state ? "states" :
	    "mandates", code);
	if (f.self == NULL || f.title == NULL || f.alternate == NULL)
		return 500;
	return feed_send(r, &f);
}

int
page_feed_state(struct req *r)
{
	return scoped_feed(r, 1);
}

int
page_feed_mandate(struct req *r)
{
	return scoped_feed(r, 0);
}
