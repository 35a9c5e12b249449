package dev.heron.senders.smtp;

import jakarta.mail.MessagingException;

/**
 * Builds a message when its lane is ready to send it: the MIME assembly and the DKIM signature run
 * on the lane's thread, so that the messages of different lanes are built in parallel.
 */
@FunctionalInterface
public interface Composition {
  /**
   * @throws IllegalArgumentException naming the request field that makes the message impossible
   */
  EmailComposer.Composed compose() throws MessagingException;
}
