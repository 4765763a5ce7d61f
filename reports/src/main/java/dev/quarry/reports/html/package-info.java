/**
 * Self-contained HTML pages: the experiment report and the workspace index. One file each, with
 * its CSS, its script and its data inline and a Content-Security-Policy that allows no network
 * access and only the page's own script (by hash), so a page opens offline from disk and a string
 * that slipped through escaping still could not run. Renders only; the values come from
 * {@code dev.quarry.reports.model}.
 */
package dev.quarry.reports.html;
