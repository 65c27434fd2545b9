package dev.proxylint.rules.ws;

import dev.proxylint.facts.WebSocketIntent;

/** Words the WebSocket rules of both servers share. */
final class WebSocketWords {
    private WebSocketWords() {
    }

    /** The closing sentence of a WebSocket route's finding: why proxylint takes it for one. */
    static String because(WebSocketIntent i) {
        return "proxylint treats it as a WebSocket route because " + i.reason() + ".";
    }
}
