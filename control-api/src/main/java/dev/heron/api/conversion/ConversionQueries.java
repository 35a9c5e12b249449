package dev.heron.api.conversion;

/**
 * The names of the blocks in {@code db/queries/conversions.sql}, checked when the service starts.
 */
final class ConversionQueries {
  static final String FILE = "conversions";

  static final String MESSAGE_OF_CONTACT = "conversion-message-of-contact";
  static final String RECORD = "conversion-record";
  static final String OF_ORDER = "conversion-of-order";

  static final String[] ALL = {MESSAGE_OF_CONTACT, RECORD, OF_ORDER};

  private ConversionQueries() {}
}
