/*
 * Error pages. The page is templates/error.xhtml in the request's
 * language, its title and text chosen here by status as msgids (English)
 * that the catalogs translate (templates/po/LANG.po). When the templates
 * or catalogs are not loaded (a start-up failure, a unit test), the same
 * texts are written as a plain page without the template; without
 * catalogs they are in English.
 *
 * Never echoed: the path, the query, a header, anything the client sent.
 * The language links point at each language's home page, not at the
 * failed address, for the same reason. The incident id ties the page to
 * one log line.
 */
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "core/writer.h"
#include "http/errpage.h"
#include "http/request.h"
#include "http/response.h"
#include "pages/common.h"
#include "portal_limits.h"
#include "view/i18n.h"
#include "view/lang.h"
#include "view/nav.h"
#include "view/tpl.h"
#include "view/view.h"

enum err_kind {
	ERR_400, ERR_403, ERR_404, ERR_405, ERR_411, ERR_413, ERR_414,
	ERR_429, ERR_500, ERR_503, ERR__MAX
};

static const int err_status[ERR__MAX] = {
	400, 403, 404, 405, 411, 413, 414, 429, 500, 503,
};

struct err_text {
	const char	*title;
	const char	*body;
};

static const struct err_text err_texts[ERR__MAX] = {
	{ N_("Bad request"), N_("The request could not be understood. Please "
	    "go back and try again.") },
	{ N_("Request refused"), N_("This request was refused. If you were "
	    "filling in a form, go back, reload the page and send it again.") },
	{ N_("Page not found"), N_("There is no page at this address.") },
	{ N_("Method not allowed"), N_("This address does not accept this "
	    "kind of request.") },
	{ N_("Length required"), N_("The request did not say how large it "
	    "was.") },
	{ N_("Too large"), N_("What you sent is larger than the portal "
	    "accepts. Please send smaller or fewer files.") },
	{ N_("Address too long"), N_("The address of this request is too "
	    "long.") },
	{ N_("Too many requests"), N_("Too many requests came from your "
	    "connection. Please wait a minute and try again.") },
	{ N_("Something went wrong"), N_("The portal could not complete this "
	    "request. Nothing you sent has been kept unless you received a "
	    "receipt.") },
	{ N_("Temporarily unavailable"), N_("The portal is briefly "
	    "unavailable. Please try again in a few seconds.") },
};

static const char *const incident_label = N_("Incident reference:");
static const char *const home_label = N_("Return to the home page");

static enum err_kind
err_kind_of(int status)
{
	int	 i;

	for (i = 0; i < ERR__MAX; i++)
		if (err_status[i] == status)
			return (enum err_kind)i;
	return status >= 500 ? ERR_500 : ERR_400;
}

static const char *
tr(const struct req *r, const char *msgid)
{
	return i18n_get(portal_catalogs, r->lang, msgid);
}

static int
errpage_json(struct req *r, int status)
{
	char	 body[128];
	int	 n;

	n = snprintf(body, sizeof(body), "{\"error\":%d,\"incident\":\"%s\"}\n",
	    status, r->incident);
	return resp_send(r, status, "application/json", body, (size_t)n);
}

/* The layout's keys, with language links to each home page. */
static struct view *
error_view(struct req *r, enum err_kind k)
{
	struct view	*v, *item;
	int		 l;

	if ((v = view_new(r->arena)) == NULL ||
	    view_set_str(v, "lang", lang_code[r->lang]) == -1 ||
	    view_set_str(v, "dir", lang_dir[r->lang]) == -1 ||
	    view_set_strf(v, "home", "/%s/", lang_code[r->lang]) == -1 ||
	    view_set_str(v, "title", tr(r, err_texts[k].title)) == -1 ||
	    view_set_str(v, "text", tr(r, err_texts[k].body)) == -1 ||
	    view_set_str(v, "incident", r->incident) == -1 ||
	    view_set_list(v, "langs") == -1 || view_nav(v, r->lang) == -1)
		return NULL;
	for (l = 0; l < LANG__MAX; l++)
		if ((item = view_list_append(v, "langs")) == NULL ||
		    view_set_str(item, "code", lang_code[l]) == -1 ||
		    view_set_str(item, "name", lang_name[l]) == -1 ||
		    view_set_str(item, "dir", lang_dir[l]) == -1 ||
		    view_set_strf(item, "href", "/%s/", lang_code[l]) == -1 ||
		    (l == (int)r->lang &&
		    view_set_str(item, "current", "page") == -1))
			return NULL;
	return v;
}

/* Without templates. Every value written here is one of ours. */
static int
errpage_plain(struct req *r, enum err_kind k)
{
	struct writer	*w = &r->out;
	int		 rc = 0;

	rc |= w_printf(w, "<!DOCTYPE html>\n<html lang=\"%s\" dir=\"%s\">"
	    "<head><meta charset=\"utf-8\"><meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">"
	    "<link rel=\"stylesheet\" href=\"/static/portal.css\">",
	    lang_code[r->lang], lang_dir[r->lang]);
	rc |= w_puts(w, "<title>");
	rc |= w_puts(w, tr(r, err_texts[k].title));
	rc |= w_puts(w, "</title></head><body><main class=\"error\"><h1>");
	rc |= w_puts(w, tr(r, err_texts[k].title));
	rc |= w_puts(w, "</h1><p>");
	rc |= w_puts(w, tr(r, err_texts[k].body));
	rc |= w_puts(w, "</p><p class=\"incident\">");
	rc |= w_puts(w, tr(r, incident_label));
	rc |= w_printf(w, " <code>%s</code></p><p><a href=\"/%s/\">",
	    r->incident, lang_code[r->lang]);
	rc |= w_puts(w, tr(r, home_label));
	rc |= w_puts(w, "</a></p></main></body></html>\n");
	return rc ? -1 : 0;
}

static int
errpage_html(struct req *r, int status, enum err_kind k)
{
	struct view	*v = NULL;

	if (portal_templates != NULL && tpl_has(portal_templates, "error"))
		v = error_view(r, k);
	if (resp_header(r, "Content-Language", lang_code[r->lang]) == -1 ||
	    resp_begin(r, status, "text/html; charset=utf-8") == -1)
		return -1;
	if (v == NULL)
		return errpage_plain(r, k);
	return tpl_render(portal_templates, "error", r->lang, v, &r->out) ==
	    -1 ? -1 : 0;
}

int
errpage_send(struct req *r, int status, const char *allow)
{
	static char	 retry[16];
	enum err_kind	 k = err_kind_of(status);

	status = err_status[k];
	if (r->resp.begun)
		return -1;
	if (status == 405 && allow != NULL &&
	    resp_header(r, "Allow", allow) == -1)
		return -1;
	if (status == 503 || status == 429) {
		(void)snprintf(retry, sizeof(retry), "%d", DB_RETRY_AFTER_S);
		if (resp_header(r, "Retry-After", retry) == -1)
			return -1;
	}
	log_event(status >= 500 ? LOG_WARN : LOG_INFO, "http.error",
	    "status=%d incident=%s", status, r->incident);
	if (req_wants_json(r))
		return errpage_json(r, status);
	return errpage_html(r, status, k);
}
