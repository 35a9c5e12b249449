package dev.heron.events;

/** The result of reading a wire record: the value, or why it could not be read. */
public sealed interface Decoded<T> {
  record Valid<T>(T value) implements Decoded<T> {}

  /** {@code reason} names the field and what was wrong with it. */
  record Invalid<T>(String reason) implements Decoded<T> {}

  default boolean isValid() {
    return this instanceof Valid;
  }
}
