package dev.heron.api.audience;

import java.math.BigDecimal;
import java.util.List;

/** The syntax tree of a filter expression, as the parser reads it and before any type check. */
sealed interface Filter {
  record And(Filter left, Filter right) implements Filter {}

  record Or(Filter left, Filter right) implements Filter {}

  record Not(Filter inner) implements Filter {}

  /** {@code field op value}, op one of = != < <= > >=. */
  record Compare(Field field, String op, Value value, int opPosition) implements Filter {}

  /** {@code field [not] in [v1, v2, ...]}. */
  record In(Field field, boolean negated, List<Value> values) implements Filter {}

  /** {@code field is [not] null}. */
  record IsNull(Field field, boolean negated) implements Filter {}

  /** {@code tags has "a"}, {@code tags has any ["a", "b"]}, {@code tags has all [...]}. */
  record Has(Field field, Quantifier quantifier, List<Value> values) implements Filter {}

  /** {@code field contains "text"}: a case-insensitive substring test. */
  record Contains(Field field, Value value) implements Filter {}

  enum Quantifier {
    ONE,
    ANY,
    ALL
  }

  /** A contact column by name, or {@code attributes.<key>} (then {@code attribute} is the key). */
  record Field(String name, String attribute, int position) {
    boolean isAttribute() {
      return attribute != null;
    }

    String shown() {
      return isAttribute() ? "attributes." + attribute : name;
    }
  }

  sealed interface Value {
    int position();

    String describe();
  }

  record Text(String value, int position) implements Value {
    public String describe() {
      return "the string \"" + value + "\"";
    }
  }

  record Number(BigDecimal value, int position) implements Value {
    public String describe() {
      return "the number " + value.toPlainString();
    }
  }

  record Bool(boolean value, int position) implements Value {
    public String describe() {
      return String.valueOf(value);
    }
  }

  /** {@code now()} shifted by a number of seconds (negative: in the past). */
  record Now(long offsetSeconds, int position) implements Value {
    public String describe() {
      return "a time";
    }
  }
}
