/**
 * WebSocket rules (WS): WS1xx for nginx, WS2xx for Apache httpd, one rule a class beside its
 * {@code rules/<ID>.md}. They read the shared routes ({@code ctx.facts().nginxRoutes()},
 * {@code .apacheRoutes()}); what several of them need lives once in {@link NginxUpgrade} and
 * {@link ApacheUpgrade} (the config-wide parts as shared facts), and their text edits in
 * {@code NginxEdits} and {@code ApacheEdits}.
 */
package dev.proxylint.rules.ws;
