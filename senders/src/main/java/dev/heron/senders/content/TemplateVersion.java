package dev.heron.senders.content;

import java.util.UUID;

/** One version of a template as stored: Mustache sources for the parts its channel uses. */
public record TemplateVersion(
    UUID templateId, int version, String channel, String subject, String html, String text) {}
