package dev.heron.senders.content;

/** A template rendered for one recipient; each part is null when the template has none. */
public record Rendered(String subject, String html, String text) {}
