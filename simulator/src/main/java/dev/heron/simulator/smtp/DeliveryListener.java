package dev.heron.simulator.smtp;

/** Told of every recipient outcome; must return quickly (it runs on the SMTP session's thread). */
public interface DeliveryListener {
  void rejected(DeliveryOutcome outcome);

  void accepted(DeliveryOutcome outcome, AcceptedMessage message);
}
