package dev.heron.senders.content;

/** A template names a variable the request did not provide. */
public final class MissingVariableException extends RuntimeException {
  private final String variable;

  public MissingVariableException(String variable, String part, int line) {
    super("missing variable '" + variable + "' in the " + part + " (line " + line + ")");
    this.variable = variable;
  }

  public String variable() {
    return variable;
  }
}
