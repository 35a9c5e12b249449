package dev.heron.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A command on {@link Topics#SENDS}: deliver one message to one recipient. It carries what the
 * senders need to render it without reading the contact again; the template itself is read by id
 * and version (and cached) by the senders.
 *
 * @param address where to send: an email address, or a phone number or social id for the other
 *     channels
 * @param senderIdentity the from-domain, which selects the DKIM key and the IP pool
 * @param fromAddress the full From address
 * @param variables contact fields, campaign fields and the recipient's custom variables, already
 *     merged (custom variables override defaults)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SendRequest(
    int schemaVersion,
    Instant requestedAt,
    UUID tenantId,
    UUID campaignId,
    UUID messageId,
    UUID recipientId,
    UUID contactId,
    Channel channel,
    MessageClass messageClass,
    String variant,
    String address,
    String senderIdentity,
    String fromAddress,
    UUID templateId,
    int templateVersion,
    Map<String, Object> variables) {

  public static final int SCHEMA_VERSION = 1;

  public SendRequest {
    variables = variables == null ? Map.of() : Map.copyOf(variables);
  }
}
