/*
 * The pages: one handler file each in cgi/pages/, one template each in
 * templates/, one line each in routes.c. To add a page: write
 * cgi/pages/NAME.c with its handler, templates/NAME.xhtml, declare the
 * handler here and add its route to routes.c.
 */
#ifndef PORTAL_PAGES_H
#define PORTAL_PAGES_H

struct req;

int	page_healthz(struct req *);
int	page_root(struct req *);

#endif /* PORTAL_PAGES_H */
