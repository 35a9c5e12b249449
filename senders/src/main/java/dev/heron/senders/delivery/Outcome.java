package dev.heron.senders.delivery;

import dev.heron.events.SendRequest;

/** A message's final outcome, to be recorded on its claim. */
public record Outcome(SendRequest request, Completion completion) {}
