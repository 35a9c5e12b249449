package dev.heron.api.callback;

/** A callback whose body cannot be read: answered 400 naming the field, and kept. */
class UnreadableCallback extends RuntimeException {
  private final String field;

  UnreadableCallback(String field, String reason) {
    super(field + ": " + reason);
    this.field = field;
  }

  String field() {
    return field;
  }
}
