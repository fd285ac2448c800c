/*
 * GET /{lang}/codebook: what the codes of the public record mean: the
 * study's reply categories, the visit status vocabulary, implementation
 * statuses and the sources of updates, and when a communication becomes
 * public (the delay is read from the database, where it is configured).
 */
#include "data/record.h"
#include "http/request.h"
#include "pages/common.h"
#include "pages/coopview.h"
#include "pages/pages.h"
#include "view/i18n.h"
#include "view/view.h"

struct entry {
	const char	*code;
	const char	*name;	/* msgid; NULL: the public pages' own name */
	const char	*text;	/* msgid */
};

static const struct entry categories[] = {
	{ "no_response", NULL, N_("No reply arrived. This is not recorded but derived: a communication without any reply counts as having received no reply.") },
	{ "immaterial", NULL, N_("A reply arrived but does not engage with the allegations: it acknowledges receipt, restates general law or policy, or answers another question.") },
	{ "rejected_unsubstantiated", NULL, N_("The reply denies the allegations without giving facts, documents or reasons that would support the denial.") },
	{ "responsive_incomplete", NULL, N_("The reply engages with the allegations and gives some facts, but leaves some of the questions asked unanswered.") },
	{ "investigation_or_steps_announced", NULL, N_("The reply says that an investigation has begun or that steps will be taken, without showing that they were.") },
	{ "steps_taken", NULL, N_("The reply shows that steps were taken to address the allegations: a release, a prosecution, a change of law, redress for the victims.") },
};

static const struct entry visit_statuses[] = {
	{ "requested", NULL, N_("The mandate holder asked the State for an invitation to visit.") },
	{ "reminder_sent", NULL, N_("The mandate holder reminded the State of a request left unanswered.") },
	{ "acknowledged", NULL, N_("The State acknowledged the request without accepting or declining it.") },
	{ "invited", NULL, N_("The State invited the mandate holder of its own accord.") },
	{ "accepted", NULL, N_("The State accepted the request.") },
	{ "dates_proposed", NULL, N_("Dates for the visit have been proposed.") },
	{ "declined", NULL, N_("The State declined the request.") },
	{ "completed", NULL, N_("The visit took place; its report is published under its document symbol.") },
};

static const struct entry rec_statuses[] = {
	{ "implemented", NULL, N_("Everything the recommendation asks has been done.") },
	{ "partially_implemented", NULL, N_("Some of what the recommendation asks has been done.") },
	{ "not_implemented", NULL, N_("Nothing the recommendation asks has been done.") },
	{ "no_information", NULL, N_("There is no information on what has been done.") },
};

static const struct entry sources[] = {
	{ "state", N_("The State"), N_("What the State says it has done: its claim, shown as such.") },
	{ "civil_society", N_("Civil society"), N_("An assessment by a non-governmental organisation or a human rights defender, published after the secretariat has checked it.") },
	{ "secretariat", N_("The secretariat"), N_("The assessment of the secretariat of the Special Procedures.") },
	{ "mandate_holder", N_("The mandate holder"), N_("The assessment of the independent expert who made the recommendation.") },
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static int
fill(struct req *r, struct view *v, const char *key, const struct entry *e,
    size_t n, const char *(*name)(struct req *, const char *))
{
	struct view	*it;
	size_t		 i;

	for (i = 0; i < n; i++)
		if ((it = view_list_append(v, key)) == NULL ||
		    view_set_str(it, "code", e[i].code) == -1 ||
		    view_set_str(it, "name", e[i].name != NULL ?
		    page_tr(r, e[i].name) : name(r, e[i].code)) == -1 ||
		    view_set_str(it, "text", page_tr(r, e[i].text)) == -1)
			return -1;
	return 0;
}

int
page_codebook(struct req *r)
{
	struct view	*v;
	long long	 days;
	enum db_err	 e;

	if ((e = rec_delay_days(r->arena, &days)) != DB_OK)
		return db_http_status(e);
	if ((v = page_view(r)) == NULL ||
	    view_set_int(v, "delay", days) == -1 ||
	    fill(r, v, "categories", categories, NELEM(categories),
	    cv_category) == -1 ||
	    fill(r, v, "visit_statuses", visit_statuses, NELEM(visit_statuses),
	    cv_visit_status) == -1 ||
	    fill(r, v, "rec_statuses", rec_statuses, NELEM(rec_statuses),
	    cv_rec_status) == -1 ||
	    fill(r, v, "sources", sources, NELEM(sources), cv_rec_status) == -1)
		return 500;
	return page_render(r, 200, "codebook", v);
}
