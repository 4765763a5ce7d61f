/**
 * A small driver for headless Chromium over the Chrome DevTools Protocol (a WebSocket, with the
 * JDK's own client): opens pages, evaluates script, collects console errors and takes screenshots.
 * Used by the report tests and the report benchmark; no dependency beyond the JDK and Jackson.
 */
package dev.quarry.examples.browser;
