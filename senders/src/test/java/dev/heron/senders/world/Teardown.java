package dev.heron.senders.world;

/**
 * Stops what a test started. Each resource is closed even when one before it failed, as
 * try-with-resources would, so that no engine, server or consumer is left running into the next
 * test; the first failure is then thrown, with the others suppressed in it.
 */
public final class Teardown {
  /**
   * Closes {@code resources} in the order given (a null one, never started, is skipped): the engine
   * before the servers and topics it uses.
   */
  public static void closeAll(AutoCloseable... resources) throws Exception {
    Exception first = null;
    for (AutoCloseable resource : resources) {
      if (resource == null) {
        continue;
      }
      try {
        resource.close();
      } catch (Exception e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private Teardown() {}
}
