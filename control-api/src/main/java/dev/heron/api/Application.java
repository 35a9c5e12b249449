package dev.heron.api;

import io.micronaut.runtime.Micronaut;

/** Starts the control API with its configuration taken from {@link dev.heron.events.Settings}. */
public final class Application {
  public static void main(String[] args) {
    Micronaut.build(args)
        .mainClass(Application.class)
        .properties(HeronProperties.fromSettings())
        .start();
  }

  private Application() {}
}
