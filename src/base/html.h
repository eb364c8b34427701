/* html.h: the auto-escaping page writer. */
#ifndef AMPARO_HTML_H
#define AMPARO_HTML_H

#include "base/buf.h"

/* Appends fmt to b. Every interpolated value is escaped for HTML text and
 * attributes unless the conversion says otherwise:
 *   %s  a C string, HTML-escaped (NULL writes nothing)
 *   %u  a C string as one URL component (percent-encoded, then escaped)
 *   %R  a C string written raw: only for literals and for HTML this
 *       module produced itself
 *   %d  int, %l long long, %z size_t
 *   %%  a percent sign
 * Any other conversion is a programming error and aborts. */
void html_printf(struct buf *b, const char *fmt, ...);

#endif
