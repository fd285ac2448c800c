/*
 * The layout's main navigation (templates/layout.xhtml): nav.submit,
 * nav.states, ... as paths in the page's language. Shared by the pages
 * and the error pages so that both show the same links.
 */
#ifndef PORTAL_VIEW_NAV_H
#define PORTAL_VIEW_NAV_H

#include "view/lang.h"

struct view;

/* Set v's "nav" map; -1 on allocation failure. */
int	view_nav(struct view *v, enum lang)
	    __attribute__((warn_unused_result));

#endif /* PORTAL_VIEW_NAV_H */
