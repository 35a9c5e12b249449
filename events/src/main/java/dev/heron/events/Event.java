package dev.heron.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One delivery or engagement fact on {@link Topics#EVENTS}. The envelope (id, type, schema version,
 * event time, source and the identifiers of the message) is always present; the fields after {@code
 * provider} belong to some types only and are left out of the JSON when absent. Changes are
 * additive: a reader ignores fields it does not know.
 *
 * @param eventId unique; consumers de-duplicate on it
 * @param occurredAt event time, which drives watermarks
 * @param source the component that observed the fact ({@code senders}, {@code control-api}, ...)
 * @param senderIdentity the from-domain
 * @param provider the recipient's mailbox provider (gmail, outlook, yahoo, apple, other...)
 * @param bounceClass BOUNCED only
 * @param smtpCode the basic SMTP reply code, for delivery outcomes
 * @param enhancedStatus the RFC 3463 enhanced status code, such as {@code 5.1.1}
 * @param smtpResponse the exact reply text, for delivery outcomes
 * @param reason why a message was DROPPED or FAILED
 * @param machineOpen OPENED only: a proxy or prefetch open rather than a person
 * @param url CLICKED only
 * @param value CONVERTED only
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Event(
    UUID eventId,
    EventType type,
    int schemaVersion,
    Instant occurredAt,
    String source,
    UUID tenantId,
    UUID campaignId,
    UUID messageId,
    UUID recipientId,
    UUID contactId,
    Channel channel,
    String variant,
    String sendingIp,
    String senderIdentity,
    String provider,
    BounceClass bounceClass,
    Integer smtpCode,
    String enhancedStatus,
    String smtpResponse,
    String reason,
    Boolean machineOpen,
    String url,
    BigDecimal value) {

  public static final int SCHEMA_VERSION = 1;

  /** A new event of {@code type} about the message {@code request} asked for. */
  public static Builder about(SendRequest request, EventType type) {
    return builder(type)
        .tenantId(request.tenantId())
        .campaignId(request.campaignId())
        .messageId(request.messageId())
        .recipientId(request.recipientId())
        .contactId(request.contactId())
        .channel(request.channel())
        .variant(request.variant())
        .senderIdentity(request.senderIdentity());
  }

  public static Builder builder(EventType type) {
    return new Builder(type);
  }

  /** A copy of this event to change some fields of; the copy keeps the event id. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  public boolean isHumanOpen() {
    return type == EventType.OPENED && !Boolean.TRUE.equals(machineOpen);
  }

  /**
   * Builds an {@link Event}: a new one gets the current time and, unless it is given an id, a new
   * time-ordered one ({@link TimeOrderedIds#next}) when it is built.
   */
  public static final class Builder {
    private UUID eventId;
    private final EventType type;
    private int schemaVersion = SCHEMA_VERSION;
    private Instant occurredAt = Instant.now();
    private String source;
    private UUID tenantId;
    private UUID campaignId;
    private UUID messageId;
    private UUID recipientId;
    private UUID contactId;
    private Channel channel;
    private String variant;
    private String sendingIp;
    private String senderIdentity;
    private String provider;
    private BounceClass bounceClass;
    private Integer smtpCode;
    private String enhancedStatus;
    private String smtpResponse;
    private String reason;
    private Boolean machineOpen;
    private String url;
    private BigDecimal value;

    private Builder(EventType type) {
      this.type = type;
    }

    private Builder(Event e) {
      this(e.type);
      eventId = e.eventId;
      schemaVersion = e.schemaVersion;
      occurredAt = e.occurredAt;
      source = e.source;
      tenantId = e.tenantId;
      campaignId = e.campaignId;
      messageId = e.messageId;
      recipientId = e.recipientId;
      contactId = e.contactId;
      channel = e.channel;
      variant = e.variant;
      sendingIp = e.sendingIp;
      senderIdentity = e.senderIdentity;
      provider = e.provider;
      bounceClass = e.bounceClass;
      smtpCode = e.smtpCode;
      enhancedStatus = e.enhancedStatus;
      smtpResponse = e.smtpResponse;
      reason = e.reason;
      machineOpen = e.machineOpen;
      url = e.url;
      value = e.value;
    }

    public Builder eventId(UUID v) {
      eventId = v;
      return this;
    }

    public Builder occurredAt(Instant v) {
      occurredAt = v;
      return this;
    }

    public Builder source(String v) {
      source = v;
      return this;
    }

    public Builder tenantId(UUID v) {
      tenantId = v;
      return this;
    }

    public Builder campaignId(UUID v) {
      campaignId = v;
      return this;
    }

    public Builder messageId(UUID v) {
      messageId = v;
      return this;
    }

    public Builder recipientId(UUID v) {
      recipientId = v;
      return this;
    }

    public Builder contactId(UUID v) {
      contactId = v;
      return this;
    }

    public Builder channel(Channel v) {
      channel = v;
      return this;
    }

    public Builder variant(String v) {
      variant = v;
      return this;
    }

    public Builder sendingIp(String v) {
      sendingIp = v;
      return this;
    }

    public Builder senderIdentity(String v) {
      senderIdentity = v;
      return this;
    }

    public Builder provider(String v) {
      provider = v;
      return this;
    }

    public Builder bounceClass(BounceClass v) {
      bounceClass = v;
      return this;
    }

    /** The reply to an SMTP transaction: its code, enhanced status and exact text. */
    public Builder smtpReply(Integer code, String enhanced, String response) {
      smtpCode = code;
      enhancedStatus = enhanced;
      smtpResponse = response;
      return this;
    }

    public Builder reason(String v) {
      reason = v;
      return this;
    }

    public Builder machineOpen(Boolean v) {
      machineOpen = v;
      return this;
    }

    public Builder url(String v) {
      url = v;
      return this;
    }

    public Builder value(BigDecimal v) {
      value = v;
      return this;
    }

    public Event build() {
      return new Event(
          eventId != null ? eventId : TimeOrderedIds.next(),
          type,
          schemaVersion,
          occurredAt,
          source,
          tenantId,
          campaignId,
          messageId,
          recipientId,
          contactId,
          channel,
          variant,
          sendingIp,
          senderIdentity,
          provider,
          bounceClass,
          smtpCode,
          enhancedStatus,
          smtpResponse,
          reason,
          machineOpen,
          url,
          value);
    }
  }
}
